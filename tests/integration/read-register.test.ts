// Every read of personal data is in the access register (issue 8, item 9):
// each page or download that shows guests is requested through the real web
// server as the role that uses it, and the row it wrote is read back — who,
// which record or list, and the context: the query as typed (Chinese too),
// the filters, date or page, how many guests it found and the ids of those
// it showed. One row per read, never one per guest; no query, no row. A
// guest's own register lists the list reads that showed them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type RoleName } from "~/auth/permissions";
import { db, dbProvider } from "~/db/client.server";
import { sealAuditRegister, verifyAuditRegister } from "~/domain/audit/audit-chain.server";
import { deleteGuest } from "~/domain/guests/recycle-bin.server";
import { recordSurvey } from "~/domain/loyalty/loyalty.server";
import { planBirthdayOutreach } from "~/domain/outreach/plan-outreach.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { computeSegments } from "~/domain/segments/compute-segments.server";
import { plantCampaign, plantGuest, plantInactiveGuest, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";
import { fromOwnPage, signInOverHttp, startAppServer, type AppServer, type Reply } from "../support/app-server";

// A production build refuses to start without its keys (npm start provides them).
process.env.ID_ENCRYPTION_KEY ||= "read-register-test-id-key";
process.env.UNSUBSCRIBE_SECRET ||= "read-register-test-unsubscribe-secret";

let app: AppServer;
const cookies = {} as Record<RoleName, string>;
const staffIds = {} as Record<RoleName, number>;
let property: { id: number; code: string };
let today: string;
/** 张伟 (a promoter arriving today), 张伟明 (arriving today), Li Na (neither 张伟 nor arriving; a birthday in February). */
let zhangWei: number;
let zhangWeiMing: number;
let liNa: number;
let inactive: number;
let binned: number;
let campaignId: number;

function addDays(day: string, days: number) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  const p = await plantProperty("RDR", "Asia/Shanghai", "CNY");
  property = { id: p.id, code: p.code };
  const staff = {} as Record<RoleName, Awaited<ReturnType<typeof plantStaffMember>>>;
  for (const role of ROLES) {
    staff[role] = await plantStaffMember(role);
    staffIds[role] = staff[role].id;
  }
  const desk = staff.FRONT_DESK.actor;
  ({ today } = await clockOf(db(), null));
  const at = { propertyId: String(property.id) };

  zhangWei = (await plantGuest(desk, { fullName: "张伟", phone: "13911112222", email: "zhang.wei@example.test" })).guestId;
  zhangWeiMing = (await plantGuest(desk, { fullName: "张伟明" })).guestId;
  liNa = (await plantGuest(desk, { fullName: "Li Na", email: "li.na@example.test", consentEmail: "on", birthDate: "1980-02-23" })).guestId;
  // 张伟: three stays in the scoring window and a 10 in the survey — a promoter.
  for (const back of [300, 200, 100]) {
    await plantStay(desk, zhangWei, {
      ...at,
      arrivalDate: addDays(today, -back),
      departureDate: addDays(today, -back + 2),
      status: "CHECKED_OUT",
    });
  }
  await recordSurvey(db(), desk, zhangWei, { score: 10 });
  await plantStay(desk, liNa, { ...at, arrivalDate: addDays(today, -50), departureDate: addDays(today, -48), status: "CHECKED_OUT" });
  for (const guestId of [zhangWei, zhangWeiMing])
    await plantStay(desk, guestId, { ...at, arrivalDate: today, departureDate: addDays(today, 2), status: "RESERVED" });
  await computeSegments(db(), { asOf: today, dryRun: false });

  inactive = (await plantInactiveGuest(desk, { fullName: "Long Gone", lastActive: "2015-03-01" })).guestId;
  binned = (await plantGuest(desk, { fullName: "In The Bin" })).guestId;
  await deleteGuest(db(), staff.ARCHIVIST.actor, binned, "duplicate");
  campaignId = (await plantCampaign(staff.MARKETING.actor, { name: "Read register birthdays" })).id;
  await planBirthdayOutreach(db(), { asOf: "2027-02-22", dryRun: false });

  app = await startAppServer();
  for (const role of ROLES) cookies[role] = await signInOverHttp(app, staff[role].username, "correct horse battery");
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

const get = (role: RoleName, path: string, language = "en") =>
  app.request("GET", path, { headers: { cookie: cookies[role], "accept-language": language } });

/** Runs one request and returns its reply and the register rows it wrote, with the guests the index links them to. */
async function registered(request: () => Promise<Reply>) {
  const last = (await db().auditEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
  const reply = await request();
  const rows = await db().auditEntry.findMany({
    where: { id: { gt: last } },
    orderBy: { id: "asc" },
    include: { guests: { select: { guestId: true }, orderBy: { guestId: "asc" } } },
  });
  return { reply, rows, indexed: rows.map((r) => r.guests.map((g) => g.guestId)) };
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** The register's table as text (without React's text separators), not the page around it. */
async function registerTable(path: string, language = "en") {
  const { status, body } = await get("ADMIN", path, language);
  expect(status).toBe(200);
  const table = /<table class="audit-table[^"]*">[\s\S]*<\/table>/.exec(body);
  expect(table, "the register's table").not.toBeNull();
  return table![0].replace(/<!-- -->/g, "");
}

describe("searches: who searched for what", () => {
  it("registers a search-page search for 张伟 with the query as typed, the key kind, the count and the ids shown", async () => {
    const { reply, rows, indexed } = await registered(() => get("FRONT_DESK", `/guests?q=${encodeURIComponent("张伟")}`));
    expect(reply.status).toBe(200);
    expect(reply.body).toContain("张伟明");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      staffId: staffIds.FRONT_DESK,
      action: "VIEW",
      entity: "GuestSearch",
      entityId: null,
      guestId: null,
      changes: { query: "张伟", via: "page", matchedOn: ["name"], found: 2 },
    });
    const shown = (rows[0].changes as { shownGuestIds: number[] }).shownGuestIds;
    expect(sorted(shown)).toEqual(sorted([zhangWei, zhangWeiMing]));
    expect(indexed[0]).toEqual(sorted([zhangWei, zhangWeiMing]));
  });

  it("registers every typeahead request, one row each — no server-side debounce — and a search that found nobody", async () => {
    const typed = ["z", "zh", "zhangw", "nobody-here-zz"];
    const { rows } = await registered(async () => {
      let last: Reply | undefined;
      for (const q of typed) {
        last = await get("FRONT_DESK", `/api/guests/search?q=${encodeURIComponent(q)}`);
        expect(last.status).toBe(200);
      }
      return last!;
    });
    expect(rows.map((r) => [r.entity, (r.changes as { query: string }).query, (r.changes as { via: string }).via])).toEqual(
      typed.map((q) => ["GuestSearch", q, "typeahead"]),
    );
    expect(rows.every((r) => r.staffId === staffIds.FRONT_DESK && r.action === "VIEW")).toBe(true);
    const zhangw = rows[2].changes as { found: number; matchedOn: string[]; shownGuestIds: number[] };
    expect(zhangw).toMatchObject({ found: 2, matchedOn: ["pinyin"] });
    expect(sorted(zhangw.shownGuestIds)).toEqual(sorted([zhangWei, zhangWeiMing]));
    expect(rows[3].changes).toEqual({ query: "nobody-here-zz", via: "typeahead", page: 1, matchedOn: [], found: 0, shownGuestIds: [] });
    expect(rows[3].guests).toEqual([]);
  });

  it("registers nothing when nothing was searched", async () => {
    const { rows } = await registered(async () => {
      for (const path of ["/guests", "/guests?q=", "/guests?q=%20%20", "/api/guests/search?q=", "/api/guests/search?q=%20"])
        expect((await get("FRONT_DESK", path)).status, path).toBe(200);
      return { status: 200, headers: {}, body: "" };
    });
    expect(rows).toEqual([]);
  });

  it("registers the guests a likely-duplicate warning names (a search by phone in disguise)", async () => {
    const { reply, rows } = await registered(() =>
      app.request("POST", "/guests/new", {
        headers: fromOwnPage(app, { cookie: cookies.FRONT_DESK, "accept-language": "en" }),
        form: { fullName: "Someone Else", phone: "+86 139 1111 2222" },
      }),
    );
    expect(reply.status).toBe(409);
    expect(reply.body).toContain(String((await db().guest.findUniqueOrThrow({ where: { id: zhangWei } })).profileNumber));
    expect(rows).toMatchObject([
      {
        staffId: staffIds.FRONT_DESK,
        action: "VIEW",
        entity: "DuplicateWarning",
        guestId: null,
        changes: { form: "new", matchedOn: ["phone"], found: 1, shownGuestIds: [zhangWei] },
      },
    ]);
  });
});

describe("the edit form", () => {
  it("registers a VIEW of the guest with the context {form: 'edit'}", async () => {
    const { reply, rows, indexed } = await registered(() => get("FRONT_DESK", `/guests/${zhangWei}/edit`));
    expect(reply.status).toBe(200);
    expect(indexed).toEqual([[zhangWei]]);
    expect(rows).toMatchObject([
      { staffId: staffIds.FRONT_DESK, action: "VIEW", entity: "Guest", entityId: zhangWei, guestId: zhangWei, changes: { form: "edit" } },
    ]);
  });

  it("registers nothing for a guest that does not exist", async () => {
    const { reply, rows } = await registered(() => get("FRONT_DESK", `/guests/999999/edit`));
    expect(reply.status).toBe(404);
    expect(rows).toEqual([]);
  });
});

describe("lists of guests: one row per read, with the ids shown", () => {
  it("the arrivals: property, date, count and the arriving guests", async () => {
    const { reply, rows, indexed } = await registered(() => get("FRONT_DESK", `/arrivals?property=${property.id}&date=${today}`));
    expect(reply.status).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      staffId: staffIds.FRONT_DESK,
      action: "VIEW",
      entity: "ArrivalsList",
      guestId: null,
      changes: { propertyId: property.id, property: "RDR", date: today, found: 2 },
    });
    expect(sorted((rows[0].changes as { shownGuestIds: number[] }).shownGuestIds)).toEqual(sorted([zhangWei, zhangWeiMing]));
    expect(indexed[0]).toEqual(sorted([zhangWei, zhangWeiMing]));
  });

  it("an analytics guest list: its filters, page, count and the page's guests", async () => {
    const { reply, rows } = await registered(() => get("MARKETING", `/analytics/guests?propertyId=${property.id}`));
    expect(reply.status).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      staffId: staffIds.MARKETING,
      action: "VIEW",
      entity: "AnalyticsGuestList",
      changes: { filters: { propertyId: property.id }, page: 1, found: 3 },
    });
    expect(sorted((rows[0].changes as { shownGuestIds: number[] }).shownGuestIds)).toEqual(sorted([zhangWei, zhangWeiMing, liNa]));

    const beyond = await registered(() => get("MARKETING", `/analytics/guests?propertyId=${property.id}&page=2`));
    expect(beyond.rows).toMatchObject([{ entity: "AnalyticsGuestList", changes: { page: 2, found: 3, shownGuestIds: [] } }]);
  });

  it("the promoters", async () => {
    const { reply, rows } = await registered(() => get("MANAGER", `/analytics/promoters?propertyId=${property.id}`));
    expect(reply.status).toBe(200);
    expect(reply.body).toContain("张伟");
    expect(rows).toMatchObject([
      {
        staffId: staffIds.MANAGER,
        action: "VIEW",
        entity: "PromoterList",
        changes: { propertyId: property.id, page: 1, found: 1, shownGuestIds: [zhangWei] },
      },
    ]);
  });

  it("the retention preview: date, side, page, count and the guests on the page", async () => {
    const { reply, rows } = await registered(() => get("ARCHIVIST", `/retention?asOf=${today}`));
    expect(reply.status).toBe(200);
    expect(reply.body).toContain("Long Gone");
    expect(rows).toMatchObject([
      {
        staffId: staffIds.ARCHIVIST,
        action: "VIEW",
        entity: "RetentionPreview",
        changes: { asOf: today, show: "purge", page: 1, found: 1, shownGuestIds: [inactive] },
      },
    ]);
    const kept = await registered(() => get("ARCHIVIST", `/retention?asOf=${today}&show=exempt`));
    expect(kept.rows).toMatchObject([{ entity: "RetentionPreview", changes: { show: "exempt", found: 0, shownGuestIds: [] } }]);
  });

  it("the recycle bin, the outreach queue and a campaign's preview", async () => {
    const bin = await registered(() => get("ARCHIVIST", "/recycle-bin"));
    expect(bin.reply.status).toBe(200);
    expect(bin.rows).toMatchObject([
      { staffId: staffIds.ARCHIVIST, entity: "RecycleBinList", changes: { page: 1, found: 1, shownGuestIds: [binned] } },
    ]);

    const queue = await registered(() => get("FRONT_DESK", "/outreach?status=PLANNED&dueBy=2027-03-01"));
    expect(queue.reply.status).toBe(200);
    expect(queue.reply.body).toContain("Li Na");
    expect(queue.rows).toMatchObject([
      {
        staffId: staffIds.FRONT_DESK,
        entity: "OutreachQueue",
        changes: { status: "PLANNED", dueBy: "2027-03-01", page: 1, found: 1, shownGuestIds: [liNa] },
      },
    ]);

    const preview = await registered(() => get("MARKETING", `/outreach/campaigns/${campaignId}?asOf=2027-02-22`));
    expect(preview.reply.status).toBe(200);
    expect(preview.rows).toMatchObject([
      {
        staffId: staffIds.MARKETING,
        entity: "CampaignPreview",
        changes: { campaignId, asOf: "2027-02-22", found: 1, shownGuestIds: [liNa] },
      },
    ]);
  });
});

describe("exports", () => {
  it("registers each download of personal data as an EXPORT before it leaves; the aggregate report writes no row", async () => {
    const analytics = await registered(() => get("MARKETING", `/analytics/guests.csv?propertyId=${property.id}`));
    expect(analytics.reply.status).toBe(200);
    expect(analytics.rows).toMatchObject([
      {
        staffId: staffIds.MARKETING,
        action: "EXPORT",
        entity: "AnalyticsGuestList",
        changes: { filters: { propertyId: property.id }, rows: 3 },
      },
    ]);

    const retention = await registered(() => get("ARCHIVIST", `/retention/export.csv?asOf=${today}`));
    expect(retention.reply.status).toBe(200);
    expect(retention.rows).toMatchObject([
      { staffId: staffIds.ARCHIVIST, action: "EXPORT", entity: "RetentionPreview", changes: { asOf: today, rows: 1 } },
    ]);

    for (const format of ["json", "csv"]) {
      const guest = await registered(() => get("ARCHIVIST", `/guests/${zhangWei}/export?format=${format}`));
      expect(guest.reply.status).toBe(200);
      expect(guest.rows).toMatchObject([
        { staffId: staffIds.ARCHIVIST, action: "EXPORT", entity: "Guest", guestId: zhangWei, changes: { format, kind: "accessRequest" } },
      ]);
    }

    const report = await registered(() => get("MANAGER", `/analytics/report.csv?month=${today.slice(0, 7)}`));
    expect(report.reply.status).toBe(200);
    expect(report.rows).toEqual([]);
  });

  it("a guest's access-request export lists the list reads that showed the guest", async () => {
    const reply = await get("ARCHIVIST", `/guests/${zhangWeiMing}/export?format=json`);
    const { accessLog } = JSON.parse(reply.body) as { accessLog: { action: string; record: string }[] };
    const records = accessLog.map((a) => a.record);
    expect(records).toEqual(expect.arrayContaining(["GuestSearch", "ArrivalsList"]));
    expect(records).not.toContain("RetentionPreview");
  });

  it("the loyalty route reads nothing on GET (it sends the browser to the profile) and registers nothing", async () => {
    const { reply, rows } = await registered(() => get("MANAGER", `/analytics/loyalty/${zhangWei}`));
    expect(reply.status).toBe(302);
    expect(rows).toEqual([]);
  });
});

describe("the register shows the reads", () => {
  it("a guest's register lists the searches and lists that showed the guest, in English and in Chinese", async () => {
    const text = await registerTable(`/guests/${zhangWeiMing}/audit`);
    for (const expected of [
      "Guest search",
      "searched for “张伟”",
      "search page",
      "typeahead",
      "matched on name",
      "2 guests found",
      "2 guests shown",
      "this guest was shown",
      "Arrivals list",
      "Analytics guest list",
      "Guest profile",
    ])
      expect(text, expected).toContain(expected);
    // Reads that did not show the guest are not on the guest's page.
    for (const absent of ["Retention preview", "Promoters list", "nobody-here-zz", "Recycle bin"])
      expect(text, absent).not.toContain(absent);

    const zh = await registerTable(`/guests/${zhangWeiMing}/audit`, "zh-CN");
    for (const expected of ["宾客查找", "查找“张伟”", "匹配：姓名", "找到 2 位宾客", "显示 2 位宾客", "其中包括该宾客", "抵店名单"])
      expect(zh, expected).toContain(expected);
  });

  it("the whole register labels every new kind of read", async () => {
    const text = await registerTable("/audit?action=VIEW");
    for (const label of [
      "Guest search",
      "Likely-duplicate warning",
      "Arrivals list",
      "Analytics guest list",
      "Promoters list",
      "Retention preview",
      "Recycle bin",
      "Outreach queue",
      "Campaign preview",
      "edit form",
    ])
      expect(text, label).toContain(label);
  });
});

describe("the register is the gate", () => {
  it("seals the new rows like any other", async () => {
    await sealAuditRegister(db(), { now: new Date(Date.now() + 120_000) });
    const verdict = await verifyAuditRegister(db());
    expect(verdict.broken).toEqual([]);
    expect(verdict.sealed).toBe(await db().auditEntry.count());
  });

  it("does not serve a search it cannot register", async () => {
    // The register refuses new rows (a trigger), as a full disk or a lost connection would.
    const refuse =
      dbProvider() === "postgres"
        ? [
            `CREATE FUNCTION refuse_register() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'register unavailable'; END $$ LANGUAGE plpgsql`,
            `CREATE TRIGGER refuse_register BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION refuse_register()`,
          ]
        : [`CREATE TRIGGER refuse_register BEFORE INSERT ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'register unavailable'); END`];
    for (const statement of refuse) await db().$executeRawUnsafe(statement);
    try {
      for (const path of [`/api/guests/search?q=${encodeURIComponent("张伟")}`, `/guests?q=${encodeURIComponent("张伟")}`]) {
        const reply = await get("FRONT_DESK", path);
        expect(reply.status, path).toBe(500);
        expect(reply.body, path).not.toContain("张伟明");
      }
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER refuse_register${dbProvider() === "postgres" ? ` ON "AuditEntry"` : ""}`);
      if (dbProvider() === "postgres") await db().$executeRawUnsafe(`DROP FUNCTION refuse_register()`);
    }
  });
});
