// The ID key (issue 8, item 11): checked at start-up against a stored check
// value, so a wrong key refuses to start with a message instead of failing
// later; versioned, so `npm run keys -- rotate` can move every ID number to a
// new key, in batches that a re-run finishes; and a number no key opens is
// said so on the profile page, never a 500.
import { spawnSync } from "node:child_process";
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { SYSTEM_ACTOR } from "~/domain/actor";
import { decryptIdNumber, idKeyVersionOf } from "~/domain/guests/id-document.server";
import { IdKeyCheckError, verifyIdKeys } from "~/domain/guests/id-key-check.server";
import { idKeyStatus, rotateIdKey } from "~/domain/guests/id-key-rotation.server";
import { getGuestProfile } from "~/domain/guests/get-guest-profile.server";
import { exportGuestData } from "~/domain/retention/export-guest-data.server";
import { plantGuest, plantStaffMember } from "../support/fixtures";
import { signInOverHttp, startAppServer, type AppServer } from "../support/app-server";

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const OLD = "id-keys-test-old-key-0123456789";
const NEW = "id-keys-test-new-key-9876543210";
const KEY_VARIABLES = ["ID_ENCRYPTION_KEY", "ID_ENCRYPTION_KEY_VERSION", "ID_ENCRYPTION_KEYS_PREVIOUS"] as const;
type ProfileActor = Parameters<typeof getGuestProfile>[1];
type Keys = { key: string; version?: number; previous?: string };

/** Configures this process's keys, as the environment of a start would. */
function useKeys({ key, version, previous }: Keys) {
  process.env.ID_ENCRYPTION_KEY = key;
  if (version !== undefined) process.env.ID_ENCRYPTION_KEY_VERSION = String(version);
  else delete process.env.ID_ENCRYPTION_KEY_VERSION;
  if (previous) process.env.ID_ENCRYPTION_KEYS_PREVIOUS = previous;
  else delete process.env.ID_ENCRYPTION_KEYS_PREVIOUS;
}

/** Runs a script as its own process with these keys (and the shared secret a start needs). */
function script(file: string, args: string[], keys: Keys) {
  const env: NodeJS.ProcessEnv = { ...process.env, SESSION_SECRET: "id-keys-test-session-secret-0123", DEMO: "false" };
  for (const name of KEY_VARIABLES) delete env[name];
  env.ID_ENCRYPTION_KEY = keys.key;
  if (keys.version !== undefined) env.ID_ENCRYPTION_KEY_VERSION = String(keys.version);
  if (keys.previous) env.ID_ENCRYPTION_KEYS_PREVIOUS = keys.previous;
  return spawnSync(process.execPath, [tsx, file, ...args], { env, encoding: "utf8", timeout: 120_000 });
}

/** How the first version of the app sealed ID numbers: "iv.tag.data" under sha256(key). */
function legacySeal(plain: string, secret: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", createHash("sha256").update(secret).digest(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64")).join(".");
}

let desk: Awaited<ReturnType<typeof plantStaffMember>>;
let archivist: Awaited<ReturnType<typeof plantStaffMember>>;
let planted = 0;

async function plantGuestsWithIds(count: number) {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    planted += 1;
    const { guestId } = await plantGuest(desk.actor, {
      fullName: `ID Guest ${planted}`,
      idDocumentType: "PASSPORT",
      idDocumentNumber: `E${String(planted).padStart(8, "0")}`,
    });
    ids.push(guestId);
  }
  return ids;
}

const ciphers = async () =>
  (
    await db().guest.findMany({
      where: { idDocumentCipher: { not: null } },
      select: { id: true, idDocumentCipher: true },
      orderBy: { id: "asc" },
    })
  ).map((g) => [g.id, g.idDocumentCipher!] as const);
const rotations = () => db().auditEntry.count({ where: { entity: "IdKey" } });

beforeAll(async () => {
  desk = await plantStaffMember("FRONT_DESK");
  archivist = await plantStaffMember("ARCHIVIST");
});

// Every test starts from an archive with no ID numbers and no check values.
beforeEach(async () => {
  useKeys({ key: OLD });
  await db().guest.updateMany({ data: { idDocumentCipher: null, idDocumentLast4: null } });
  await db().keyCheck.deleteMany();
});

afterAll(() => {
  for (const name of KEY_VARIABLES) delete process.env[name];
});

describe("the ID key at start-up", () => {
  it("first start stores the check value; a start with another key is refused with what to do, and nothing is started", async () => {
    const first = await verifyIdKeys(db());
    expect(first.stored).toEqual([1]);
    const [check] = await db().keyCheck.findMany();
    expect(check).toMatchObject({ purpose: "id-number", keyVersion: 1, retiredAt: null });
    expect(check.check).not.toContain(OLD);
    expect((await verifyIdKeys(db())).stored).toEqual([]); // stored once

    for (const file of ["scripts/start.ts", "jobs/scheduler.ts"]) {
      const refused = script(file, [], { key: NEW });
      expect(refused.status, file + refused.stdout + refused.stderr).toBe(1);
      expect(refused.stderr, file).toContain(
        "ID_ENCRYPTION_KEY is the wrong key: it does not open the stored check value of ID key version 1.",
      );
      expect(refused.stderr, file).toContain('ID_ENCRYPTION_KEY_VERSION=2 ID_ENCRYPTION_KEYS_PREVIOUS="1:<old key>"');
      expect(refused.stderr, file).toContain("npm run keys -- rotate");
      expect(refused.stderr, file).not.toMatch(/\n\s+at /); // a message, not a stack trace
      expect(refused.stdout, file).not.toContain("is starting at");
    }
    const fits = script("scripts/keys.ts", ["check"], { key: OLD });
    expect(fits.status, fits.stderr).toBe(0);
    expect(fits.stdout).toContain("ID_ENCRYPTION_KEY is key version 1");
    expect(await db().keyCheck.count()).toBe(1);
  }, 180_000);

  it("on a database from before check values, the first check opens a stored ID number before storing anything", async () => {
    const [guestId] = await plantGuestsWithIds(1);
    await db().guest.update({ where: { id: guestId }, data: { idDocumentCipher: legacySeal("G12345678", OLD) } });

    useKeys({ key: NEW });
    await expect(verifyIdKeys(db())).rejects.toThrow(
      /ID_ENCRYPTION_KEY is the wrong key: it does not open the ID numbers stored of ID key version 1/,
    );
    useKeys({ key: NEW, version: 2 }); // a new version, the old one forgotten
    await expect(verifyIdKeys(db())).rejects.toThrow(
      /ID numbers are stored with ID key version 1, which is not configured \(ID_ENCRYPTION_KEY is version 2\)\. Put that key in ID_ENCRYPTION_KEYS_PREVIOUS \("1:<key>"\)/,
    );
    expect(await db().keyCheck.count()).toBe(0);

    useKeys({ key: OLD });
    expect((await verifyIdKeys(db())).stored).toEqual([1]);
    // The first format is read as key version 1.
    const { idDocumentCipher } = await db().guest.findUniqueOrThrow({ where: { id: guestId } });
    expect(idKeyVersionOf(idDocumentCipher!)).toBe(1);
    expect(decryptIdNumber(idDocumentCipher!)).toBe("G12345678");
  });

  it("refuses malformed key settings, naming the variable", async () => {
    useKeys({ key: NEW, version: 0 });
    await expect(verifyIdKeys(db())).rejects.toThrow(/ID_ENCRYPTION_KEY_VERSION: a key version is a whole number from 1; got "0"/);
    useKeys({ key: NEW, version: 2, previous: "old-key-without-version" });
    await expect(verifyIdKeys(db())).rejects.toThrow(/ID_ENCRYPTION_KEYS_PREVIOUS must list "version:key" entries/);
    useKeys({ key: NEW, version: 2, previous: `2:${OLD}` });
    await expect(verifyIdKeys(db())).rejects.toThrow(IdKeyCheckError);
  });
});

describe("npm run keys -- rotate", () => {
  it("re-encrypts every ID number with the new key; with the old key removed afterwards everything still reads", async () => {
    const guests = await plantGuestsWithIds(5);
    // One of them still in the first format, as an install from before versions left it.
    await db().guest.update({ where: { id: guests[0] }, data: { idDocumentCipher: legacySeal("L00000001", OLD) } });
    await verifyIdKeys(db());

    useKeys({ key: NEW, version: 2, previous: `1:${OLD}` });
    // Before the rotation, new numbers are sealed with the new key and old ones still read.
    const [fresh] = await plantGuestsWithIds(1);
    const before = new Map(await ciphers());
    expect(idKeyVersionOf(before.get(fresh)!)).toBe(2);
    expect((await idKeyStatus(db())).versions.map((v) => [v.version, v.rows])).toEqual([
      [1, 5],
      [2, 1],
    ]);

    const outcome = await rotateIdKey(db(), SYSTEM_ACTOR, { batchSize: 2 });
    expect(outcome).toEqual({ toVersion: 2, fromVersions: [1], reencrypted: 5, unreadable: 0, remaining: 0, retired: [1] });
    const after = new Map(await ciphers());
    for (const [id, sealed] of after) expect(sealed.startsWith("v2.2."), String(id)).toBe(true);
    expect(after.get(fresh)).toBe(before.get(fresh)); // already at the new version: untouched

    // The old key leaves the configuration: the start check passes, and every number reads.
    useKeys({ key: NEW, version: 2 });
    await verifyIdKeys(db());
    const profile = await getGuestProfile(db(), archivist.actor as ProfileActor, guests[0], "2026-11-27");
    expect(profile.basics.idDocument).toBe("L00000001");
    for (const id of guests.slice(1)) expect(decryptIdNumber(after.get(id)!)).toMatch(/^E\d{8}$/);
    expect((await db().keyCheck.findMany({ orderBy: { keyVersion: "asc" } })).map((c) => [c.keyVersion, !!c.retiredAt])).toEqual([
      [1, true],
      [2, false],
    ]);
    // One row in the access register for the rotation.
    const [entry] = await db().auditEntry.findMany({ where: { entity: "IdKey" } });
    expect(entry).toMatchObject({ action: "UPDATE", staffId: null, changes: { keyVersion: ["1", 2], reencrypted: 5, remaining: 0 } });
    expect(await rotations()).toBe(1);
  });

  it("stopped after its first batch, is finished by the next run without re-encrypting anything twice", async () => {
    await plantGuestsWithIds(7);
    await verifyIdKeys(db());
    const rotating = { key: NEW, version: 2, previous: `1:${OLD}` };
    const audited = await rotations();

    const partial = script("scripts/keys.ts", ["rotate", "--batch-size", "3", "--max-batches", "1"], rotating);
    expect(partial.status, partial.stderr).toBe(0);
    expect(partial.stdout).toContain("Rotation to key version 2: 3 re-encrypted (from version 1), 4 left at older versions");
    const midway = await ciphers();
    const done = midway.filter(([, sealed]) => sealed.startsWith("v2.2."));
    expect(done).toHaveLength(3);

    // Until the rotation is finished, the old key cannot leave.
    useKeys({ key: NEW, version: 2 });
    await expect(verifyIdKeys(db())).rejects.toThrow("4 ID number(s) are stored with ID key version 1, which is not configured");

    const rest = script("scripts/keys.ts", ["rotate", "--batch-size", "3"], rotating);
    expect(rest.status, rest.stderr).toBe(0);
    expect(rest.stdout).toContain("4 re-encrypted (from version 1), 0 left at older versions");
    expect(rest.stdout).toContain("Key version 1 retired");
    const finished = new Map(await ciphers());
    for (const [id, sealed] of done) expect(finished.get(id), "rotated in the first run").toBe(sealed);
    expect([...finished.values()].every((s) => s.startsWith("v2.2."))).toBe(true);

    useKeys(rotating);
    expect(await rotateIdKey(db(), SYSTEM_ACTOR)).toMatchObject({ reencrypted: 0, remaining: 0, retired: [] });
    expect(new Map(await ciphers())).toEqual(finished);
    expect(await rotations()).toBe(audited + 2); // one per run that did something

    const status = script("scripts/keys.ts", ["status"], { key: NEW, version: 2 });
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^\s+1\s+0\s+no\s+yes\s+yes$/m);
    expect(status.stdout).toMatch(/^\s+2\s+7\s+yes\s+yes\s+no$/m);
  }, 180_000);
});

describe("an ID number the configured key cannot open", () => {
  let app: AppServer;
  let guestId: number;

  beforeAll(async () => {
    app = await startAppServer();
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it("shows 'cannot be read with the current key' on the profile (en, zh-CN) and in the guest's export, not a 500", async () => {
    [guestId] = await plantGuestsWithIds(1);
    useKeys({ key: NEW }); // the key changed without a rotation (and the process was not stopped by the start check)
    const cookie = await signInOverHttp(app, archivist.username, "correct horse battery");
    const en = await app.request("GET", `/guests/${guestId}`, { headers: { cookie, "accept-language": "en" } });
    expect(en.status).toBe(200);
    expect(en.body).toContain("ID number cannot be read with the current key");
    const zh = await app.request("GET", `/guests/${guestId}`, { headers: { cookie, "accept-language": "zh-CN" } });
    expect(zh.status).toBe(200);
    expect(zh.body).toContain("无法用当前密钥读取证件号码");

    const exported = JSON.parse(await exportGuestData(db(), archivist.actor, guestId, "json"));
    expect(exported.guest).toMatchObject({ idDocumentNumber: null, idDocumentNumberUnreadable: true });
    // The desk's masked view needs no key at all.
    const masked = await getGuestProfile(db(), desk.actor as ProfileActor, guestId, "2026-11-27");
    expect(masked.basics.idDocument).toMatch(/^•+\d{4}$/);
  }, 60_000);
});
