// Every CSV download, fetched through its route and read back as a
// spreadsheet would (csv-parse): a UTF-8 BOM so Excel shows Chinese names,
// CRLF, quoted commas, quotes and line breaks, formulas neutralised in text
// (a guest named =HYPERLINK(…) or +1-2) while figures stay numbers, and an
// attachment name that carries Chinese (issue 9, item 6).
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { computeSegments } from "~/domain/segments/compute-segments.server";
import { loader as guestExportLoader } from "~/routes/guests.$guestId_.export";
import { loader as retentionExportLoader } from "~/routes/retention.export[.]csv";
import { loader as analyticsExportLoader } from "~/routes/analytics.guests[.]csv";
import { loader as reportExportLoader } from "~/routes/analytics.report[.]csv";
import { TODAY, plantGuest, plantInactiveGuest, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";
import { requestWith, responseOf, signIn } from "../support/sign-in";

const PASSWORD = "correct horse battery";
const EVIL_NAME = '=HYPERLINK("http://evil")';
const NOTES = 'Prefers "quiet", high floor,\r\nno lilies; tea: 龙井';

let archivistCookie: string;
let managerCookie: string;
let marketingCookie: string;
let propertyId: number;

beforeAll(async () => {
  propertyId = (await plantProperty("CSV")).id;
  const archivist = await plantStaffMember("ARCHIVIST");
  archivistCookie = await signIn(archivist.username, PASSWORD);
  managerCookie = await signIn((await plantStaffMember("MANAGER")).username, PASSWORD);
  marketingCookie = await signIn((await plantStaffMember("MARKETING")).username, PASSWORD);
});

/** The body as bytes and as parsed rows; the BOM must be there. */
async function readCsv(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = Buffer.from(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  // Every line ends with CRLF; a bare LF only ever sits inside a quoted cell.
  expect(text.endsWith("\r\n")).toBe(true);
  const rows: string[][] = parse(text, { bom: true, record_delimiter: "\r\n" });
  return { text, rows };
}

const exportGuest = (guestId: number) =>
  responseOf(() =>
    guestExportLoader({
      request: requestWith(archivistCookie, `/guests/${guestId}/export?format=csv`),
      params: { guestId: String(guestId) },
      context: {},
    }),
  );

describe("a guest's access-request export", () => {
  it("round-trips a Chinese name and notes with commas, quotes and line breaks; the file is named after the guest", async () => {
    const desk = (await plantStaffMember("FRONT_DESK")).actor;
    const { guestId, profileNumber } = await plantGuest(desk, { fullName: "李新客", notes: NOTES, vipLevel: "2" });
    const response = await exportGuest(guestId);
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="guest-${profileNumber}-_.csv"; filename*=UTF-8''guest-${profileNumber}-%E6%9D%8E%E6%96%B0%E5%AE%A2.csv`,
    );
    const { rows } = await readCsv(response);
    const value = (field: string) => rows.find((r) => r[0] === "guest" && r[2] === field)?.[3];
    expect(rows[0]).toEqual(["section", "record", "field", "value"]);
    expect(value("fullName")).toBe("李新客");
    expect(value("notes")).toBe(NOTES);
    expect(value("vipLevel")).toBe("2");
    expect(value("namePinyin")).toBe("li xin ke");
  });

  it("neutralises a name a spreadsheet would run as a formula", async () => {
    const desk = (await plantStaffMember("FRONT_DESK")).actor;
    for (const fullName of [EVIL_NAME, "+1-2", "@cmd", "-5"]) {
      const { guestId } = await plantGuest(desk, { fullName });
      const { rows } = await readCsv(await exportGuest(guestId));
      expect(rows.find((r) => r[0] === "guest" && r[2] === "fullName")?.[3], fullName).toBe(`'${fullName}`);
      for (const row of rows) expect(row[3], JSON.stringify(row)).not.toMatch(/^[=+@\t\r]/);
    }
  });

  it("sends the JSON export with the same attachment name", async () => {
    const desk = (await plantStaffMember("FRONT_DESK")).actor;
    const { guestId, profileNumber } = await plantGuest(desk, { fullName: "钱多多" });
    const response = await responseOf(() =>
      guestExportLoader({
        request: requestWith(archivistCookie, `/guests/${guestId}/export?format=json`),
        params: { guestId: String(guestId) },
        context: {},
      }),
    );
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain(
      `filename*=UTF-8''guest-${profileNumber}-%E9%92%B1%E5%A4%9A%E5%A4%9A.json`,
    );
    expect(((await response.json()) as { guest: { fullName: string } }).guest.fullName).toBe("钱多多");
  });
});

describe("the retention preview export", () => {
  it("lists inactive guests with Chinese names intact, formulas neutralised and the day counts as numbers", async () => {
    const desk = (await plantStaffMember("FRONT_DESK")).actor;
    const planted = new Map<string, string>();
    for (const fullName of ["张叁", EVIL_NAME, "+1-2"]) {
      const { profileNumber } = await plantInactiveGuest(desk, { fullName, lastActive: "2021-06-01" });
      planted.set(profileNumber, fullName);
    }
    const response = await responseOf(() =>
      retentionExportLoader({ request: requestWith(archivistCookie, `/retention/export.csv?asOf=${TODAY}`), params: {}, context: {} }),
    );
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="retention-preview-${TODAY}.csv"; filename*=UTF-8''retention-preview-${TODAY}.csv`,
    );
    const { rows } = await readCsv(response);
    expect(rows[0]).toEqual(["profile_number", "name", "last_stay", "last_active", "inactive_days", "decision", "exemptions"]);
    for (const [profileNumber, fullName] of planted) {
      const row = rows.find((r) => r[0] === profileNumber);
      expect(row, fullName).toBeDefined();
      expect(row![1]).toBe(fullName === "张叁" ? "张叁" : `'${fullName}`);
      expect(row![3]).toBe("2021-06-01");
      expect(Number(row![4])).toBeGreaterThan(1900);
      expect(row![5]).toBe("purge");
    }
  });
});

describe("the analytics exports", () => {
  it("the guest list: a Chinese name intact, a name like -5 neutralised, the scores as numbers", async () => {
    const desk = (await plantStaffMember("FRONT_DESK")).actor;
    for (const fullName of ["欧阳锋", "-5"]) {
      const { guestId } = await plantGuest(desk, { fullName });
      await plantStay(desk, guestId, {
        propertyId: String(propertyId),
        roomNumber: "808",
        arrivalDate: "2026-10-01",
        departureDate: "2026-10-04",
        status: "CHECKED_OUT",
        rateAmount: "1,280",
      });
    }
    await computeSegments(db(), { asOf: TODAY, dryRun: false });
    const response = await responseOf(() =>
      analyticsExportLoader({ request: requestWith(marketingCookie, "/analytics/guests.csv"), params: {}, context: {} }),
    );
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="guests-analytics-\d{4}-\d{2}-\d{2}\.csv"; filename\*=/,
    );
    const { rows } = await readCsv(response);
    expect(rows[0].slice(0, 3)).toEqual(["profile_number", "name", "segment"]);
    const byName = (name: string) => rows.find((r) => r[1] === name);
    expect(byName("欧阳锋")).toBeDefined();
    expect(byName("'-5")).toBeDefined();
    expect(byName("-5")).toBeUndefined();
    // r, f, m and the spend are figures, not neutralised text.
    for (const column of [5, 6, 7, 10]) expect(byName("欧阳锋")![column]).toMatch(/^\d+$/);
  });

  it("the monthly report: BOM, CRLF, one section,item,value line per figure", async () => {
    const response = await responseOf(() =>
      reportExportLoader({ request: requestWith(managerCookie, "/analytics/report.csv?month=2026-10"), params: {}, context: {} }),
    );
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="archive-report-2026-10\.csv"; filename\*=/);
    const { rows } = await readCsv(response);
    expect(rows[0]).toEqual(["section", "item", "value"]);
    expect(rows).toContainEqual(["report", "month", "2026-10"]);
    for (const row of rows.slice(1)) expect(row).toHaveLength(3);
  });
});
