// Desk search: every key a guest can be found by, the ranking, the recycle
// bin, the limit, and that the lookup is an index range scan.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { Prisma } from "../../generated/prisma/client";
import { db, dbProvider } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { COUNT_CAP, findGuests, RANKED_PER_KEY, searchGuests, type GuestSearchResult } from "~/domain/guests/search-guests.server";
import { deleteGuest } from "~/domain/guests/recycle-bin.server";
import { loader as searchApi } from "~/routes/api.guests.search";
import { requestWith, responseOf, signIn } from "../support/sign-in";
import { plantGuest, plantNamesakesInBulk, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";

let actor: Actor;
let propertyId: number;
const ids: Record<string, number> = {};
let zhangSanNumber = "";

const names = (results: GuestSearchResult[]) => results.map((r) => r.fullName);
const find = async (query: string, limit?: number) => searchGuests(db(), query, limit);

beforeAll(async () => {
  ({ actor } = await plantStaffMember("FRONT_DESK"));
  propertyId = (await plantProperty("SRH")).id;

  // Planted first, so its profile number is the lowest in this file.
  const zhang = await plantGuest(actor, {
    fullName: "张三",
    phone: "+86 138-1234-5678",
    email: "Zhang.San@Example.com",
    company: "华为技术有限公司",
  });
  ids.zhangSan = zhang.guestId;
  zhangSanNumber = zhang.profileNumber;

  ids.zhaoSi = (await plantGuest(actor, { fullName: "赵四", phone: "13900001111" })).guestId;
  ids.zhouShaohua = (await plantGuest(actor, { fullName: "周少华" })).guestId;
  ids.muller = (await plantGuest(actor, { fullName: "José Müller", email: "j.mueller@hotel.test" })).guestId;
  ids.smith = (await plantGuest(actor, { fullName: "John Smith" })).guestId;
  ids.annLee = (await plantGuest(actor, { fullName: "Ann Lee" })).guestId;
  ids.leeann = (await plantGuest(actor, { fullName: "Leeann Walker" })).guestId;
  ids.huaWeimin = (await plantGuest(actor, { fullName: "华为民" })).guestId;
  // Phone ends in 0001: "0001" is both Zhang San's profile number (G00000001) and this phone's tail.
  ids.phone0001 = (await plantGuest(actor, { fullName: "Peter Tail", phone: "136 0000 0001" })).guestId;

  // Three guests linked to room 1208; only the one in house may be found by it.
  ids.liMing = (await plantGuest(actor, { fullName: "李明" })).guestId;
  await plantStay(actor, ids.liMing, {
    propertyId,
    roomNumber: "1208",
    arrivalDate: "2026-11-25",
    departureDate: "2026-11-30",
    status: "IN_HOUSE",
  });
  ids.wangFang = (await plantGuest(actor, { fullName: "王芳" })).guestId;
  await plantStay(actor, ids.wangFang, {
    propertyId,
    roomNumber: "1208",
    arrivalDate: "2026-12-01",
    departureDate: "2026-12-03",
    status: "RESERVED",
  });
  ids.chenGang = (await plantGuest(actor, { fullName: "陈刚" })).guestId;
  await plantStay(actor, ids.chenGang, {
    propertyId,
    roomNumber: "1208",
    arrivalDate: "2026-11-01",
    departureDate: "2026-11-03",
    status: "CHECKED_OUT",
  });
  // A room number with a letter, typed in lower case at the desk.
  ids.suiteGuest = (await plantGuest(actor, { fullName: "Suite Guest" })).guestId;
  await plantStay(actor, ids.suiteGuest, {
    propertyId,
    roomNumber: "b12",
    arrivalDate: "2026-11-26",
    departureDate: "2026-11-28",
    status: "IN_HOUSE",
  });

  // A deleted guest that matches many queries and is in house in room 1501.
  const gone = await plantGuest(actor, {
    fullName: "张删除",
    phone: "137-0000-9999",
    email: "gone@deleted.test",
    company: "删除贸易公司",
  });
  ids.deleted = gone.guestId;
  await plantStay(actor, ids.deleted, {
    propertyId,
    roomNumber: "1501",
    arrivalDate: "2026-11-25",
    departureDate: "2026-11-29",
    status: "IN_HOUSE",
  });
  await deleteGuest(db(), actor, ids.deleted, "test");

  for (let i = 1; i <= 24; i++) await plantGuest(actor, { fullName: `Limit Tester ${String(i).padStart(2, "0")}` });
  // More namesakes than the search ranks: their number is counted in SQL.
  await plantNamesakesInBulk("王芳芳", RANKED_PER_KEY + 50);
});

describe("finding a guest by each key", () => {
  it("finds a Chinese name by its characters and by the given name alone", async () => {
    const full = await find("张三");
    expect(full[0]).toMatchObject({ id: ids.zhangSan, matchedOn: "name", exact: true });
    const given = await find("三");
    expect(given[0]).toMatchObject({ id: ids.zhangSan, matchedOn: "name", exact: true });
    expect(names(await find("张"))).toContain("张三");
  });

  it("finds a Chinese name by full pinyin and by a pinyin prefix", async () => {
    expect((await find("zhangsan"))[0]).toMatchObject({ id: ids.zhangSan, matchedOn: "pinyin", exact: true });
    expect((await find("zhangs"))[0]).toMatchObject({ id: ids.zhangSan, matchedOn: "pinyin", exact: false });
    expect((await find("ZhangSan"))[0].id).toBe(ids.zhangSan);
    // The given name's pinyin alone.
    expect(names(await find("shaohua"))).toContain("周少华");
  });

  it("finds by pinyin initials, exact initials ranked above longer ones", async () => {
    const results = await find("zs");
    const order = results.map((r) => r.id);
    expect(order.slice(0, 2).sort()).toEqual([ids.zhangSan, ids.zhaoSi].sort());
    expect(results.slice(0, 2).every((r) => r.matchedOn === "initials" && r.exact)).toBe(true);
    // Equal matches are ordered by name: 张 (zhāng) before 赵 (zhào).
    expect(results[0].id).toBe(ids.zhangSan);
    const zhou = order.indexOf(ids.zhouShaohua);
    expect(zhou).toBeGreaterThan(1);
    expect(results[zhou]).toMatchObject({ matchedOn: "initials", exact: false });
    // Longer initials only find the longer name.
    expect((await find("zsh")).map((r) => r.id)).toEqual([ids.zhouShaohua]);
  });

  it("finds a Latin name regardless of case and accents", async () => {
    for (const query of ["MULLER", "müller", "Müller", "muller"]) {
      const results = await find(query);
      expect(results[0], query).toMatchObject({ id: ids.muller, fullName: "José Müller", matchedOn: "name", exact: true });
    }
    expect((await find("josé"))[0].id).toBe(ids.muller);
    expect(names(await find("smith"))).toContain("John Smith");
    expect((await find("John Smith"))[0]).toMatchObject({ id: ids.smith, exact: true });
  });

  it("finds by the last four or more digits of the phone, whatever its formatting", async () => {
    for (const query of ["5678", "45678", "1234-5678", "1234 5678", "+86 138 1234 5678", "3812345678"]) {
      const results = await find(query);
      expect(
        results.map((r) => r.id),
        query,
      ).toContain(ids.zhangSan);
      expect(results.find((r) => r.id === ids.zhangSan)!.matchedOn, query).toBe("phoneTail");
    }
    expect((await find("5678"))[0].phoneTail).toBe("5678");
    // The full number is an exact key.
    expect((await find("+8613812345678"))[0]).toMatchObject({ id: ids.zhangSan, exact: true });
    // Fewer than four digits is not a phone lookup; digits in the middle are not a tail.
    expect((await find("678")).map((r) => r.id)).not.toContain(ids.zhangSan);
    expect((await find("1234")).map((r) => r.id)).not.toContain(ids.zhangSan);
  });

  it("finds by e-mail, full or prefix, ignoring case", async () => {
    expect((await find("ZHANG.SAN@EXAMPLE.COM"))[0]).toMatchObject({ id: ids.zhangSan, matchedOn: "email", exact: true });
    expect((await find("zhang.san@exa"))[0]).toMatchObject({ id: ids.zhangSan, matchedOn: "email", exact: false });
    // A prefix without the @, with a dot in it.
    expect((await find("j.mueller"))[0]).toMatchObject({ id: ids.muller, matchedOn: "email", exact: false });
    expect((await find("J.Mue"))[0]).toMatchObject({ id: ids.muller, matchedOn: "email" });
  });

  it("finds by profile number, with or without the G and the leading zeros", async () => {
    expect(zhangSanNumber).toBe("G00000001");
    for (const query of ["G00000001", "g00000001", "G1", "g-1", "1", "00000001"]) {
      const results = await find(query);
      expect(results[0], query).toMatchObject({ id: ids.zhangSan, matchedOn: "profileNumber", exact: true, profileNumber: "G00000001" });
    }
  });

  it("finds by company, in Chinese and in pinyin", async () => {
    expect(names(await find("华为技术"))).toEqual(["张三"]);
    const pinyin = await find("huaweiji");
    expect(pinyin[0]).toMatchObject({ id: ids.zhangSan, matchedOn: "company", company: "华为技术有限公司" });
  });

  it("finds by room number only while the stay is in house", async () => {
    const results = await find("1208");
    expect(results.map((r) => r.id)).toEqual([ids.liMing]);
    expect(results[0]).toMatchObject({ matchedOn: "room", exact: true });
    expect((await find("B12")).map((r) => r.id)).toEqual([ids.suiteGuest]);
    expect((await find("b12")).map((r) => r.id)).toEqual([ids.suiteGuest]);
  });

  it("ranks the guest in house in a room above the guest whose profile number the room number is", async () => {
    // Room "3" at the desk means the guest in room 3, not profile G00000003 (赵四's neighbour 周少华).
    const roomGuest = (await plantGuest(actor, { fullName: "Room Three Guest" })).guestId;
    await plantStay(actor, roomGuest, {
      propertyId,
      roomNumber: "3",
      arrivalDate: "2026-11-26",
      departureDate: "2026-11-29",
      status: "IN_HOUSE",
    });
    const results = await find("3");
    expect(results[0]).toMatchObject({ id: roomGuest, matchedOn: "room" });
    expect(results[1]).toMatchObject({ matchedOn: "profileNumber", exact: true, profileNumber: "G00000003" });
  });

  it("returns nothing for a blank query or one that matches nobody", async () => {
    expect(await find("")).toEqual([]);
    expect(await find("   ")).toEqual([]);
    expect(await find("qqxxyyzz")).toEqual([]);
  });
});

describe("ranking", () => {
  it("puts an exact key above a prefix of the same kind", async () => {
    // "lee": exact later-word key of Ann Lee, prefix of Leeann Walker.
    const results = await find("lee");
    expect(results.map((r) => r.id).slice(0, 2)).toEqual([ids.annLee, ids.leeann]);
    expect(results[0]).toMatchObject({ exact: true });
    expect(results[1]).toMatchObject({ exact: false });
  });

  it("puts a profile number above a phone tail", async () => {
    const results = await find("0001");
    expect(results[0]).toMatchObject({ id: ids.zhangSan, matchedOn: "profileNumber", exact: true });
    const tail = results.findIndex((r) => r.id === ids.phone0001);
    expect(tail).toBeGreaterThan(0);
    expect(results[tail].matchedOn).toBe("phoneTail");
  });

  it("puts every name match of a letter query above an e-mail match, VIP first within the names", async () => {
    // The case: "zhangs" is 张三 (VIP, by the pinyin of the name) before 张思佳, and
    // a guest found only because an e-mail starts with "zhangs" comes after every name.
    await db().guest.update({ where: { id: ids.zhangSan }, data: { vipLevel: 3 } });
    try {
      const siJia = (await plantGuest(actor, { fullName: "张思佳", email: "zhangsijia@mail.test" })).guestId;
      const byMail = (await plantGuest(actor, { fullName: "李娜", email: "zhangs.li@mail.test", vipLevel: "5" })).guestId;
      const results = await find("zhangs");
      expect(results.map((r) => [r.fullName, r.matchedOn])).toEqual([
        ["张三", "pinyin"],
        ["张思佳", "pinyin"],
        ["李娜", "email"],
      ]);
      expect(results.map((r) => r.id)).toEqual([ids.zhangSan, siJia, byMail]);
    } finally {
      await db().guest.update({ where: { id: ids.zhangSan }, data: { vipLevel: 0 } });
    }
  });

  it("puts a name above a company", async () => {
    const results = await find("华为");
    expect(results.map((r) => r.id)).toEqual([ids.huaWeimin, ids.zhangSan]);
    expect(results.map((r) => r.matchedOn)).toEqual(["name", "company"]);
  });
});

describe("the recycle bin and the limit", () => {
  it("never shows a deleted guest, whatever key matches", async () => {
    for (const query of ["张删除", "删除", "zhangshanchu", "zsc", "9999", "13700009999", "gone@deleted.test", "gone", "删除贸易", "1501"]) {
      expect(
        (await find(query)).map((r) => r.id),
        query,
      ).not.toContain(ids.deleted);
    }
    // The deleted guest's keys are still there: it is the query that leaves it out.
    expect(await db().guestSearchKey.count({ where: { guestId: ids.deleted } })).toBeGreaterThan(0);
    // A live guest sharing the name prefix is still found.
    expect((await find("zhangs"))[0].id).toBe(ids.zhangSan);
  });

  it("returns at most `limit` results, 20 by default", async () => {
    expect(await find("limit")).toHaveLength(20);
    expect(await find("limit", 5)).toHaveLength(5);
    const five = names(await find("limit", 5));
    expect(five).toEqual(["Limit Tester 01", "Limit Tester 02", "Limit Tester 03", "Limit Tester 04", "Limit Tester 05"]);
  });
});

describe("many namesakes: how many match, show more, narrow down", () => {
  const zhangWei: number[] = [];
  let vip = 0;
  beforeAll(async () => {
    // 143 张伟: phones ending 0000–0142 (one ends in 1234), born 1970–1999 (every 30th in 1985),
    // every 20th (3, 23 … 123) with 华为.
    zhangWei.push(
      ...(await plantNamesakesInBulk("张伟", 142, (i) => ({
        phone: `139${String(i === 77 ? 1234 : i).padStart(8, "0")}`,
        birthDate: `${1970 + (i % 30)}-05-0${1 + (i % 9)}`,
        ...(i % 20 === 3 ? { company: "华为技术有限公司" } : {}),
      }))),
    );
    // The VIP was planted last: the first page of the old search (the 20 lowest ids) missed them.
    [vip] = await plantNamesakesInBulk("张伟", 1, () => ({
      vipLevel: 4,
      phone: "13900009999",
      birthDate: "1985-12-01",
      company: "Acme Travel",
    }));
    zhangWei.push(vip);
  });

  it("says how many guests match and ranks all of them, so the VIP among 143 namesakes is on the first page", async () => {
    const search = await findGuests(db(), "张伟");
    expect(search).toMatchObject({ total: 143, totalCapped: false, more: 123, refined: false });
    expect(search.results).toHaveLength(20);
    expect(search.results[0]).toMatchObject({ id: vip, vipLevel: 4, matchedOn: "name", exact: true });
    // The pinyin finds the same 143 (and 张三's e-mail-less namesakes only).
    expect((await findGuests(db(), "zhangwei")).total).toBe(143);
  });

  it("shows more on request, the first page unchanged", async () => {
    const first = await findGuests(db(), "张伟");
    const more = await findGuests(db(), "张伟", { limit: 40 });
    expect(more.results).toHaveLength(40);
    expect(more.results.slice(0, 20).map((r) => r.id)).toEqual(first.results.map((r) => r.id));
    expect(more.more).toBe(103);
    const all = await findGuests(db(), "张伟", { limit: 200 });
    expect(all.results.map((r) => r.id).sort((a, b) => a - b)).toEqual([...zhangWei].sort((a, b) => a - b));
    expect(all.more).toBe(0);
  });

  it("narrows a name by the phone's last digits", async () => {
    const search = await findGuests(db(), "张伟 1234");
    expect(search).toMatchObject({ total: 1, refined: true });
    expect(search.results.map((r) => [r.id, r.phoneTail])).toEqual([[zhangWei[77], "1234"]]);
    expect((await findGuests(db(), "zhangwei 00001234")).results.map((r) => r.id)).toEqual([zhangWei[77]]);
    // A tail nobody has: nothing, not the unrefined name.
    expect((await findGuests(db(), "张伟 87654")).total).toBe(0);
  });

  it("narrows a name by the birth year (or a phone ending in those four digits)", async () => {
    const search = await findGuests(db(), "张伟 1985");
    // i % 30 === 15: five of the 142, and the VIP born 1985 (no phone ends in 1985).
    expect(search.total).toBe(6);
    expect(search.results[0].id).toBe(vip);
    expect(search.results.every((r) => r.birthYear === 1985)).toBe(true);
    expect((await findGuests(db(), "zw 1985")).total).toBe(6);
    // 0105: no year, a phone tail — guest 105's phone ends in 0105.
    expect((await findGuests(db(), "张伟 0105")).results.map((r) => r.id)).toEqual([zhangWei[105]]);
  });

  it("narrows a Chinese name by the company", async () => {
    const search = await findGuests(db(), "张伟 华为");
    expect(search).toMatchObject({ total: 7, refined: true });
    expect(search.results.map((r) => r.id).sort((a, b) => a - b)).toEqual([3, 23, 43, 63, 83, 103, 123].map((i) => zhangWei[i]));
    expect((await findGuests(db(), "张伟 Acme")).results.map((r) => r.id)).toEqual([vip]);
    // A company nobody named 张伟 works for: nothing, not the unrefined name.
    expect((await findGuests(db(), "张伟 无此公司")).total).toBe(0);
  });

  it("answers the typeahead's JSON with the total, how many more there are, and the next pages", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const cookie = await signIn(desk.username, "correct horse battery");
    const ask = async (query: string) =>
      (await (
        await responseOf(() => searchApi({ request: requestWith(cookie, `/api/guests/search?${query}`), params: {}, context: {} }))
      ).json()) as { q: string; page: number; results: GuestSearchResult[]; total: number; totalCapped: boolean; more: number };
    const first = await ask(new URLSearchParams({ q: "张伟" }).toString());
    expect(first).toMatchObject({ q: "张伟", page: 1, total: 143, totalCapped: false, more: 123 });
    expect(first.results).toHaveLength(20);
    const third = await ask(new URLSearchParams({ q: "张伟", page: "3" }).toString());
    expect(third).toMatchObject({ page: 3, total: 143, more: 83 });
    expect(third.results.slice(0, 20).map((r) => r.id)).toEqual(first.results.map((r) => r.id));
    // A page that is no number is the first; one past the ranked list lists all of it.
    expect(await ask(new URLSearchParams({ q: "张伟", page: "-1" }).toString())).toMatchObject({ page: 1, more: 123 });
    const last = await ask(new URLSearchParams({ q: "张伟", page: "99999" }).toString());
    expect(last.results).toHaveLength(143);
    expect(last.more).toBe(0);
  });

  it("counts past the ranked list with an index count, and stops counting at the cap", async () => {
    const counted = await findGuests(db(), "王芳芳");
    expect(counted).toMatchObject({ total: RANKED_PER_KEY + 50, totalCapped: false, more: RANKED_PER_KEY - 20 });

    await plantNamesakesInBulk("李娜娜", COUNT_CAP + 1);
    const capped = await findGuests(db(), "李娜娜");
    expect(capped).toMatchObject({ total: COUNT_CAP, totalCapped: true, more: RANKED_PER_KEY - 20 });
    // Exactly at the cap is still an exact count.
    const lastOne = await db().guest.findFirstOrThrow({ where: { fullName: "李娜娜" }, orderBy: { id: "desc" } });
    await deleteGuest(db(), actor, lastOne.id, "test");
    expect(await findGuests(db(), "李娜娜")).toMatchObject({ total: COUNT_CAP, totalCapped: false });
  });
});

describe("the lookup is an index range scan", () => {
  const onPostgres = dbProvider() === "postgres";
  /** The statements searchGuests really runs, as SQL with the provider's placeholders and their values. */
  async function statementsOf(query: string) {
    const client = db();
    const original = client.$queryRaw.bind(client);
    const seen: { sql: string; values: unknown[] }[] = [];
    const spy = vi.spyOn(client, "$queryRaw").mockImplementation(((strings: TemplateStringsArray, ...values: unknown[]) => {
      // Prisma.sql flattens nested fragments (the refinement, the count's ranges) into one statement.
      const statement = Prisma.sql(strings, ...values);
      seen.push({ sql: onPostgres ? statement.text : statement.sql, values: statement.values });
      return original(strings, ...values);
    }) as typeof client.$queryRaw);
    try {
      await searchGuests(client, query);
    } finally {
      spy.mockRestore();
    }
    return seen;
  }

  async function planOf(statement: { sql: string; values: unknown[] }) {
    if (onPostgres) {
      // Test tables are tiny, so PostgreSQL would rightly scan them: forbid scans to see whether an index serves the query.
      return db().$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        const plan = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${statement.sql}`, ...statement.values);
        return plan.map((row) => row["QUERY PLAN"]);
      });
    }
    const plan = await db().$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${statement.sql}`, ...statement.values);
    return plan.map((row) => row.detail);
  }

  it("searches GuestSearchKey by its key index, never scanning it", async () => {
    const statements = (await statementsOf("zs")).filter((s) => s.sql.includes("GuestSearchKey"));
    // name, pinyin, initials, company and e-mail prefixes.
    expect(statements.length).toBe(5);
    for (const statement of statements) {
      const details = await planOf(statement);
      const text = details.join("\n");
      if (onPostgres) {
        // The key range is an index condition on the key index (not a filter after a scan); nothing is scanned whole.
        expect(text).toMatch(
          /Index (Only )?Scan using "GuestSearchKey_key_guestId_idx" on "GuestSearchKey" k [^\n]*\n\s+Index Cond: \(\(key >= '[^']+'::text\) AND \(key < '[^']+'::text\)/,
        );
        expect(text).not.toContain("Seq Scan");
        continue;
      }
      // The key index is the outer loop, range-scanned; each guest is then looked up by primary key.
      expect(details[0], text).toMatch(/^SEARCH k USING (COVERING )?INDEX GuestSearchKey_key_guestId_idx \(key>\? AND key<\?\)/);
      expect(text).toMatch(/SEARCH g USING INTEGER PRIMARY KEY/);
      expect(text).not.toMatch(/SCAN (k|GuestSearchKey)\b/);
      // Not a walk over every live guest, and keys come out of the index already in order.
      expect(text).not.toContain("Guest_deletedAt_idx");
      expect(text).not.toContain("TEMP B-TREE");
    }
  });

  it("counts namesakes and narrows them by the key index too, never scanning a table", async () => {
    const counted = await statementsOf("王芳芳");
    const count = counted.find((s) => s.sql.includes("COUNT(*)"));
    expect(count, "the count runs when a key range fills the ranked list").toBeDefined();
    const narrowed = (await statementsOf("张伟 1985")).filter((s) => s.sql.includes("GuestSearchKey"));
    expect(narrowed.length).toBe(2);
    for (const [statement, ranges] of [[count!, 2], ...narrowed.map((n) => [n, 1] as const)] as const) {
      const text = (await planOf(statement)).join("\n");
      if (onPostgres) {
        // Each key range (of the name and company keys) is an index condition on the key index.
        const rangeScans = text.match(
          /Index (Only )?Scan using "GuestSearchKey_key_guestId_idx" on "GuestSearchKey" k[^\n]*\n\s+Index Cond: \(\(key >= /g,
        );
        expect(rangeScans?.length, text).toBe(ranges);
        expect(text).not.toContain("Seq Scan");
        continue;
      }
      const rangeScans = text.match(/SEARCH k USING (COVERING )?INDEX GuestSearchKey_key_guestId_idx \(key>\? AND key<\?\)/g);
      expect(rangeScans?.length, text).toBe(ranges);
      expect(text).toMatch(/SEARCH g USING INTEGER PRIMARY KEY/);
      // The phone tail is a probe of the guest's own keys, never a scan of a table.
      expect(text).not.toMatch(/SCAN (k|g|t|GuestSearchKey|Guest)\b/);
      if (statement !== count) expect(text).toMatch(/SEARCH t USING (COVERING )?INDEX GuestSearchKey_(guestId|key_guestId)_idx/);
    }
  });

  it("looks up in-house rooms by the status/room index", async () => {
    const statements = (await statementsOf("1208")).filter((s) => s.sql.includes('FROM "Stay"'));
    expect(statements.length).toBe(1);
    const text = (await planOf(statements[0])).join("\n");
    if (onPostgres) {
      expect(text).toMatch(
        /Index Scan using "Stay_status_roomNumber_idx" on "Stay" s [^\n]*\n\s+Index Cond: \(\(status = 'IN_HOUSE'::"StayStatus"\) AND \("roomNumber" = '1208'::text\)\)/,
      );
      expect(text).not.toContain("Seq Scan");
      return;
    }
    expect(text).toContain("USING INDEX Stay_status_roomNumber_idx (status=? AND roomNumber=?)");
    expect(text).not.toMatch(/SCAN (s|Stay)\b/);
  });
});
