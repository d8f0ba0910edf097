// Importing a hotel's existing guest file: every encoding Excel and older
// systems write, the mapping from English and Chinese headers, a dry run that
// counts exactly what the import does, a re-import that changes nothing,
// rejected rows back as a file with their lines, resume after a crash without
// a row done twice, undo as one action, stays and charges, and XLSX.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { suggestMapping } from "~/domain/imports/import-columns";
import { rejectedRowsCsv } from "~/domain/imports/rejected-rows.server";
import { ImportRefusedError, runImport, type ImportOptions } from "~/domain/imports/run-import.server";
import { ImportUndoRefusedError, undoImport } from "~/domain/imports/undo-import.server";
import { updateGuest } from "~/domain/guests/save-guest.server";
import { guestInput, plantGuest, plantProperty, plantStaffMember } from "../support/fixtures";

let archivist: Actor;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ga-import-"));
const ASOF = new Date("2026-11-27T02:00:00Z");

beforeAll(async () => {
  archivist = (await plantStaffMember("ARCHIVIST")).actor;
  await plantProperty("SHA");
});

let fileCounter = 0;
function writeFile(text: string, encoding: "utf8" | "utf8bom" | "gbk" | "utf16le" | "utf16be" = "utf8"): string {
  const file = path.join(dir, `file-${++fileCounter}.csv`);
  const bytes =
    encoding === "utf8bom"
      ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])
      : encoding === "utf8"
        ? Buffer.from(text, "utf8")
        : iconv.encode(text, encoding, { addBOM: encoding !== "gbk" });
  fs.writeFileSync(file, bytes);
  return file;
}

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(",")).join("\r\n") + "\r\n";

const importFile = (file: string, options: Partial<ImportOptions> = {}) =>
  runImport(db(), archivist, { kind: "guests", path: file, fileName: path.basename(file), dryRun: false, asOf: ASOF, ...options });

async function textOf(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

describe("encodings", () => {
  it.each([
    ["utf8", "utf8"],
    ["utf8bom", "utf8"],
    ["gbk", "gb18030"],
    ["utf16le", "utf16le"],
    ["utf16be", "utf16be"],
  ] as const)("imports a %s file with its Chinese names intact", async (encoding, detected) => {
    const tag = encoding.toUpperCase();
    const file = writeFile(
      csv([
        ["会员号", "姓名", "手机", "邮箱", "生日", "性别", "公司"],
        [`${tag}-1`, "张晓燕", "13912340001", `${encoding}.a@example.cn`, "1985/3/7", "女", "上海锦江国际集团"],
        [`${tag}-2`, "欧阳建国", "", `${encoding}.b@example.cn`, "19700101", "男", ""],
      ]),
      encoding,
    );
    const report = await importFile(file);
    expect(report.encoding).toBe(detected);
    expect(report.counts).toMatchObject({ created: 2, rejected: 0 });
    const guests = await db().guest.findMany({ where: { externalId: { in: [`${tag}-1`, `${tag}-2`] } }, orderBy: { externalId: "asc" } });
    expect(guests.map((g) => [g.fullName, g.gender, g.birthDate, g.company, g.source])).toEqual([
      ["张晓燕", "FEMALE", "1985-03-07", "上海锦江国际集团", "IMPORT"],
      ["欧阳建国", "MALE", "1970-01-01", null, "IMPORT"],
    ]);
  });
});

describe("mapping", () => {
  it("suggests fields from English and Chinese headers", () => {
    expect(suggestMapping("guests", ["Guest Name", "Mobile", "E-mail", "Date of Birth", "证件号码", "Company", "Member No."])).toEqual({
      externalId: "Member No.",
      fullName: "Guest Name",
      phone: "Mobile",
      email: "E-mail",
      birthDate: "Date of Birth",
      idDocumentNumber: "证件号码",
      company: "Company",
    });
    expect(suggestMapping("guests", ["姓名", "电话", "邮箱", "生日"])).toEqual({
      fullName: "姓名",
      phone: "电话",
      email: "邮箱",
      birthDate: "生日",
    });
  });

  it("refuses a file whose required column cannot be matched, naming it, and writes nothing", async () => {
    const file = writeFile(
      csv([
        ["客人", "手机"],
        ["x", "13900000000"],
      ]).replace("客人", "称呼"),
    );
    const before = await db().importRun.count();
    const refused = await importFile(file).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRefusedError);
    expect((refused as ImportRefusedError).missing).toEqual(["fullName"]);
    expect((refused as ImportRefusedError).message).toContain("称呼");
    expect(await db().importRun.count()).toBe(before);
  });

  it("uses a given mapping over the suggestion", async () => {
    const file = writeFile(
      csv([
        ["Who", "Reach"],
        ["Mapped Person", "13911110000"],
      ]),
    );
    const report = await importFile(file, { mapping: { fullName: "Who", phone: "Reach" } });
    expect(report.counts.created).toBe(1);
    expect(await db().guest.count({ where: { fullName: "Mapped Person", phone: "+8613911110000" } })).toBe(1);
  });
});

describe("upsert and dry run", () => {
  it("counts created, updated, linked, review and rejected the same in a dry run as in the import, and the dry run writes nothing", async () => {
    // In the archive: one guest keyed by an earlier import, one certain match, one review-band match.
    await importFile(
      writeFile(
        csv([
          ["会员号", "姓名", "手机"],
          ["M-100", "王芳", "13800100100"],
        ]),
      ),
    );
    const certain = await plantGuest(archivist, { fullName: "李雷", phone: "13800200200", email: "lilei@example.cn" });
    const review = await plantGuest(archivist, { fullName: "韩梅梅", phone: "13800300300" });
    const file = writeFile(
      csv([
        ["会员号", "姓名", "手机", "邮箱", "生日"],
        ["M-100", "王芳", "13800100100", "wangfang@example.cn", ""], // updated (external id)
        ["M-200", "李雷", "+86 138 0020 0200", "LiLei@example.cn", "1990-05-01"], // linked (certain match)
        ["M-300", "韩梅梅", "138-0030-0300", "", ""], // review band: name and phone only
        ["M-400", "赵新", "13800400400", "", ""], // created
        ["M-401", "钱新", "", "", "1980-02-30"], // rejected: no such date
        ["M-402", "", "13800400402", "", ""], // rejected: no name
        ["M-403", "孙新", "not-a-phone", "", ""], // rejected
        ["M-400", "赵新", "13800400400", "", ""], // the same row again: unchanged
      ]),
    );
    const guestsBefore = await db().guest.count();
    const candidatesBefore = await db().duplicateCandidate.count();
    const registerBefore = await db().auditEntry.count({ where: { entity: "Guest" } });
    const dry = await importFile(file, { dryRun: true, batchSize: 3 });
    expect(dry.counts).toEqual({ created: 1, updated: 1, linked: 1, review: 1, unchanged: 1, rejected: 3 });
    expect(await db().guest.count()).toBe(guestsBefore);
    expect(await db().duplicateCandidate.count()).toBe(candidatesBefore);
    expect(await db().auditEntry.count({ where: { entity: "Guest" } })).toBe(registerBefore);
    expect((await db().guest.findUniqueOrThrow({ where: { id: certain.guestId } })).externalId).toBeNull();

    const real = await importFile(file, { batchSize: 3 });
    expect(real.counts).toEqual(dry.counts);
    expect(await db().guest.count()).toBe(guestsBefore + 2);
    const linked = await db().guest.findUniqueOrThrow({ where: { id: certain.guestId } });
    expect(linked).toMatchObject({ externalId: "M-200", birthDate: "1990-05-01", version: 2 });
    expect((await db().guest.findFirstOrThrow({ where: { externalId: "M-100" } })).email).toBe("wangfang@example.cn");
    const twin = await db().guest.findFirstOrThrow({ where: { externalId: "M-300" } });
    const pair = await db().duplicateCandidate.findFirst({
      where: { lowGuestId: Math.min(twin.id, review.guestId), highGuestId: Math.max(twin.id, review.guestId) },
    });
    expect(pair).toMatchObject({ band: "REVIEW", status: "OPEN" });
    // Both runs in the access register.
    const register = await db().auditEntry.findMany({ where: { entity: "ImportRun", entityId: { in: [dry.runId, real.runId] } } });
    expect(register.map((r) => [r.entityId, r.action, r.staffId])).toEqual(
      expect.arrayContaining([
        [dry.runId, "CREATE", archivist.staffId],
        [real.runId, "CREATE", archivist.staffId],
        [real.runId, "UPDATE", archivist.staffId],
      ]),
    );
  });

  it("changes nothing when the same file is imported again, with or without an external id column", async () => {
    const withIds = writeFile(
      csv([
        ["Member No", "Name", "Mobile"],
        ["R-1", "Re Import", "13700000001"],
        ["R-2", "Re Import Two", "13700000002"],
      ]),
    );
    const withoutIds = writeFile(
      csv([
        ["Name", "Mobile", "Company"],
        ["No Id Person", "13700000003", "ACME"],
        ["Name Only", "", ""],
      ]),
    );
    for (const file of [withIds, withoutIds]) {
      const first = await importFile(file);
      expect(first.counts.created).toBe(2);
      const snapshot = await db().guest.findMany({ orderBy: { id: "asc" }, select: { id: true, version: true, updatedAt: true } });
      const again = await importFile(file);
      expect(again.counts).toEqual({ created: 0, updated: 0, linked: 0, review: 0, unchanged: 2, rejected: 0 });
      expect(await db().guest.findMany({ orderBy: { id: "asc" }, select: { id: true, version: true, updatedAt: true } })).toEqual(snapshot);
    }
  });
});

describe("rejected rows", () => {
  it("come back as a file of the original rows with the line and the reason — every one of them", async () => {
    const bad = Array.from({ length: 1205 }, (_, i) => [`B-${i}`, "", `bad-phone-${i}`]);
    const file = writeFile(csv([["会员号", "姓名", "手机"], ["B-ok", "好人", "13600000000"], ...bad]));
    const report = await importFile(file, { dryRun: true });
    expect(report.counts).toMatchObject({ created: 1, rejected: 1205 });
    const lines = (await textOf(await rejectedRowsCsv(db(), report.runId)))
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toHaveLength(1206);
    expect(lines[0]).toBe("会员号,姓名,手机,line,reason");
    expect(lines[1]).toBe("B-0,,bad-phone-0,3,fullName: Required.; phone: Enter a phone number (at least 6 digits).");
    expect(lines.at(-1)).toMatch(/^B-1204,,bad-phone-1204,1207,/);
  });
});

describe("resume and undo", () => {
  it("resumes after a crash at the checkpoint and does no row twice", async () => {
    const rows = Array.from({ length: 45 }, (_, i) => [`C-${i}`, `续传客人${i}`, `1350000${String(i).padStart(4, "0")}`]);
    const file = writeFile(csv([["会员号", "姓名", "手机"], ...rows]));
    const crashed = await importFile(file, { batchSize: 10, failAtLine: 25 }).catch((e: unknown) => e);
    expect(String(crashed)).toContain("line 25");
    // Lines 2–21 were committed in two batches; the batch holding line 25 was rolled back.
    expect(await db().guest.count({ where: { externalId: { startsWith: "C-" } } })).toBe(20);
    const run = await db().importRun.findFirstOrThrow({ where: { fileName: path.basename(file) }, orderBy: { id: "desc" } });
    expect(run).toMatchObject({ status: "FAILED", checkpointLine: 21, created: 20 });

    const progress: number[] = [];
    const resumed = await importFile(file, { batchSize: 10, progress: (p) => void progress.push(p.line) });
    expect(resumed.runId).toBe(run.id);
    expect(resumed.resumedAfterLine).toBe(21);
    expect(progress).toEqual([31, 41, 46]);
    expect(resumed.counts.created).toBe(45);
    expect(await db().guest.count({ where: { externalId: { startsWith: "C-" } } })).toBe(45);
    const outcomes = await db().importRowOutcome.findMany({ where: { runId: run.id }, select: { line: true } });
    expect(outcomes.map((o) => o.line).sort((a, b) => a - b)).toEqual(Array.from({ length: 45 }, (_, i) => i + 2));
  });

  it("undoes an import as one action: created guests gone, updated guests as they were", async () => {
    await importFile(
      writeFile(
        csv([
          ["会员号", "姓名", "邮箱"],
          ["U-1", "撤销前", "before@example.cn"],
        ]),
      ),
    );
    const kept = await db().guest.findFirstOrThrow({ where: { externalId: "U-1" } });
    const file = writeFile(
      csv([
        ["会员号", "姓名", "邮箱"],
        ["U-1", "撤销前", "after@example.cn"],
        ["U-2", "新客人", "new@example.cn"],
      ]),
    );
    const report = await importFile(file);
    expect(report.counts).toMatchObject({ created: 1, updated: 1 });
    const created = await db().guest.findFirstOrThrow({ where: { externalId: "U-2" } });

    await undoImport(db(), archivist, report.runId, ASOF);
    expect(await db().guest.findUnique({ where: { id: created.id } })).toBeNull();
    const restored = await db().guest.findUniqueOrThrow({ where: { id: kept.id } });
    expect(restored.email).toBe("before@example.cn");
    expect((await db().importRun.findUniqueOrThrow({ where: { id: report.runId } })).status).toBe("UNDONE");
    expect(await db().auditEntry.count({ where: { entity: "ImportRun", entityId: report.runId, action: "DELETE" } })).toBe(1);
    await expect(undoImport(db(), archivist, report.runId, ASOF)).rejects.toBeInstanceOf(ImportUndoRefusedError);
    // Undone, the file imports again as new.
    expect((await importFile(file)).counts).toMatchObject({ created: 1, updated: 1 });
  });

  it("refuses an undo after the window, or when a record was changed since, and changes nothing", async () => {
    const report = await importFile(
      writeFile(
        csv([
          ["会员号", "姓名"],
          ["W-1", "窗口外"],
          ["W-2", "改过了"],
        ]),
      ),
    );
    const run = await db().importRun.findUniqueOrThrow({ where: { id: report.runId } });
    const late = new Date(run.undoUntil!.getTime() + 1000);
    await expect(undoImport(db(), archivist, report.runId, late)).rejects.toMatchObject({ messageKey: "imports.error.undoWindow" });
    const edited = await db().guest.findFirstOrThrow({ where: { externalId: "W-2" } });
    await updateGuest(
      db(),
      archivist,
      edited.id,
      guestInput({ fullName: "改过了", notes: "at the desk", version: String(edited.version) }),
    );
    const refused = await undoImport(db(), archivist, report.runId, ASOF).catch((e: unknown) => e);
    expect(refused).toMatchObject({ messageKey: "imports.error.changedSince", lines: [3] });
    expect(await db().guest.count({ where: { externalId: { in: ["W-1", "W-2"] } } })).toBe(2);
  });
});

describe("stays, charges and XLSX", () => {
  it("imports stays and charges by the guest's external id and the property code, once", async () => {
    await importFile(
      writeFile(
        csv([
          ["会员号", "姓名"],
          ["S-1", "住店客人"],
        ]),
      ),
    );
    const stays = writeFile(
      csv([
        ["预订号", "会员号", "到店日期", "离店日期", "房号", "房价"],
        ["RES-1", "S-1", "2026-10-01", "2026-10-03", "1201", "880.00"],
        ["RES-2", "S-404", "2026-10-05", "2026-10-06", "1202", "880"],
        ["RES-3", "S-1", "2026-10-09", "2026-10-08", "1203", "880"],
      ]),
    );
    const report = await importFile(stays, { kind: "stays", propertyCode: "SHA" });
    expect(report.counts).toMatchObject({ created: 1, rejected: 2 });
    const stay = await db().stay.findFirstOrThrow({ where: { source: "IMPORT", externalId: "RES-1" } });
    expect(stay).toMatchObject({ nights: 2, roomNumber: "1201", rateAmount: 88000, roomRevenue: 176000, status: "CHECKED_OUT" });
    expect((await importFile(stays, { kind: "stays", propertyCode: "SHA" })).counts).toMatchObject({
      created: 0,
      unchanged: 1,
      rejected: 2,
    });

    const charges = writeFile(
      csv([
        ["流水号", "预订号", "消费日期", "金额", "营业点", "支付方式"],
        ["CH-1", "RES-1", "2026-10-02 19:30", "356.00", "Chinese Restaurant", "微信"],
      ]),
    );
    const posted = await importFile(charges, { kind: "charges", propertyCode: "SHA" });
    expect(posted.counts).toMatchObject({ created: 1, rejected: 0 });
    const charge = await db().charge.findFirstOrThrow({ where: { source: "IMPORT", externalId: "CH-1" } });
    expect(charge).toMatchObject({ stayId: stay.id, netAmount: 35600, paymentMethod: "WECHAT_PAY" });
    expect(charge.chargedAt.toISOString()).toBe("2026-10-02T11:30:00.000Z");
    expect((await importFile(charges, { kind: "charges", propertyCode: "SHA" })).counts).toMatchObject({ created: 0, unchanged: 1 });
  });

  it("imports the first sheet of an XLSX file", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("客人");
    sheet.addRow(["姓名", "手机", "生日", "会员号"]);
    sheet.addRow(["表格客人", "13300000001", new Date(Date.UTC(1988, 7, 8)), "X-1"]);
    const file = path.join(dir, "guests.xlsx");
    await workbook.xlsx.writeFile(file);
    const report = await importFile(file);
    expect(report.format).toBe("xlsx");
    expect(report.counts.created).toBe(1);
    expect(await db().guest.findFirstOrThrow({ where: { externalId: "X-1" } })).toMatchObject({
      fullName: "表格客人",
      birthDate: "1988-08-08",
    });
  });
});
