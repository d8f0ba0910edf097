// The access register is tamper-evident: sealed rows are chained by hashes,
// and verification finds a row changed, removed or slipped in after sealing —
// while erasure's lawful blanking of an erased guest's rows is reported as
// such. Two sealers at once seal each row once. `npm run audit -- verify`
// says the same, with its exit code.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { sealAuditRegister, verifyAuditRegister } from "~/domain/audit/audit-chain.server";
import { recordAudit } from "~/domain/audit/record-audit.server";
import { eraseGuest } from "~/domain/retention/erase-guest.server";
import { plantGuest, plantStaffMember } from "../support/fixtures";

const later = () => new Date(Date.now() + 5 * 60_000); // every row is settled by then
let desk: Actor;
let archivist: Actor;

beforeEach(async () => {
  await db().auditEntry.deleteMany();
  desk = (await plantStaffMember("FRONT_DESK")).actor;
  archivist = (await plantStaffMember("ARCHIVIST")).actor;
  for (let i = 0; i < 5; i++) {
    const { guestId } = await plantGuest(desk, { fullName: `链条 ${i}`, email: `chain${i}@example.test` });
    await recordAudit(db(), desk, { action: "VIEW", entity: "Guest", entityId: guestId, guestId, changes: { from: "search", 键: "值" } });
  }
});

const auditCli = (command: string) =>
  spawnSync(process.execPath, [createRequire(import.meta.url).resolve("tsx/cli"), "scripts/audit.ts", command], {
    env: process.env,
    encoding: "utf8",
  });

describe("the access register's chain", () => {
  it("seals every settled row once, also with two sealers at once, and verifies intact", async () => {
    expect(await sealAuditRegister(db())).toEqual({ sealed: 0 }); // nothing is a minute old yet
    const rows = await db().auditEntry.count();
    const results = await Promise.all([sealAuditRegister(db(), { now: later() }), sealAuditRegister(db(), { now: later() })]);
    expect(results[0].sealed + results[1].sealed).toBe(rows);
    expect(await verifyAuditRegister(db())).toEqual({ sealed: rows, unsealed: 0, erased: 0, broken: [] });

    // New rows wait for the next seal, and are not tampering.
    await recordAudit(db(), desk, { action: "VIEW", entity: "Guest", entityId: 1, guestId: null });
    expect(await verifyAuditRegister(db())).toMatchObject({ sealed: rows, unsealed: 1, broken: [] });
    const cli = auditCli("verify");
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`Access register: ${rows} sealed, 1 awaiting the sealer`));
    expect(cli.stdout).toMatch(/Head: row \d+ [0-9a-f]{64}/);
    expect(cli.stdout).toContain("Intact.");
  });

  it("finds a row changed after sealing, a row removed, and a seal removed", async () => {
    await sealAuditRegister(db(), { now: later() });
    const ids = (await db().auditEntry.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((r) => r.id);

    await db().auditEntry.update({ where: { id: ids[2] }, data: { staffId: archivist.staffId } });
    expect((await verifyAuditRegister(db())).broken).toEqual([{ id: ids[2], reason: "its content was changed after it was sealed" }]);
    const cli = auditCli("verify");
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`Row ${ids[2]}: its content was changed after it was sealed`);
    expect(cli.stderr).toContain("TAMPERED: 1 row fails the check.");
    await db().auditEntry.update({ where: { id: ids[2] }, data: { staffId: desk.staffId } });
    expect((await verifyAuditRegister(db())).broken).toEqual([]);

    await db().auditEntry.delete({ where: { id: ids[4] } });
    expect((await verifyAuditRegister(db())).broken).toEqual([
      { id: ids[5], reason: "the chain is broken here: a row before it was removed or inserted, or this row's seal was changed" },
    ]);

    await db().auditEntry.update({ where: { id: ids[1] }, data: { hash: null, digest: null } });
    expect((await verifyAuditRegister(db())).broken).toContainEqual({ id: ids[1], reason: "not sealed, although a later row is" });
  });

  it("takes erasure's blanking of an erased guest's rows as lawful, and anything else as tampering", async () => {
    await sealAuditRegister(db(), { now: later() });
    const created = await db().auditEntry.findFirstOrThrow({ where: { action: "CREATE", entity: "Guest" }, orderBy: { id: "asc" } });
    await eraseGuest(db(), archivist, created.guestId!, "guest request");
    await sealAuditRegister(db(), { now: later() });
    const verdict = await verifyAuditRegister(db());
    expect(verdict.broken).toEqual([]);
    expect(verdict.erased).toBeGreaterThan(0);

    // Blanking a guest who was never erased is not lawful.
    const other = await db().auditEntry.findFirstOrThrow({ where: { action: "VIEW", guestId: { not: created.guestId } } });
    await db().auditEntry.update({ where: { id: other.id }, data: { changes: undefined } });
    await db().$executeRawUnsafe(`UPDATE "AuditEntry" SET "changes" = NULL WHERE "id" = ${other.id}`);
    expect((await verifyAuditRegister(db())).broken).toEqual([{ id: other.id, reason: "its content was changed after it was sealed" }]);
  });
});
