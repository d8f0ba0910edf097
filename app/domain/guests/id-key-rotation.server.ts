// Rotating the ID key (`npm run keys -- rotate`): every ID number sealed with
// an older key version is re-encrypted with ID_ENCRYPTION_KEY, a batch per
// transaction. Rows already at the current version are never selected, so a
// run stopped halfway (a crash, --max-batches) is finished by the next one and
// nothing is re-encrypted twice. When nothing is left at an older version,
// that version is retired and its key may leave ID_ENCRYPTION_KEYS_PREVIOUS.
import { Prisma } from "../../../generated/prisma/client";
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { encryptIdNumber, idKeyVersionOf, idKeyring, readIdNumber, sealedWithVersion } from "./id-document.server";
import { ID_KEY_PURPOSE, countSealedWith, retireKeyVersion, verifyIdKeys } from "./id-key-check.server";

export const ROTATION_BATCH_SIZE = 500;

export type IdKeyRotation = {
  toVersion: number;
  /** Versions of the values re-encrypted in this run. */
  fromVersions: number[];
  reencrypted: number;
  /** Values no configured key opens: left as they are (see `npm run keys -- status`). */
  unreadable: number;
  /** Values still not at the current version (the unreadable ones, or those after --max-batches). */
  remaining: number;
  retired: number[];
};

export async function rotateIdKey(
  db: Db,
  actor: Actor,
  options: { batchSize?: number; maxBatches?: number; onBatch?: (reencrypted: number) => void } = {},
): Promise<IdKeyRotation> {
  const { keyring } = await verifyIdKeys(db);
  const notCurrent = { idDocumentCipher: { not: null }, NOT: sealedWithVersion(keyring.current) };
  const fromVersions = new Set<number>();
  let reencrypted = 0;
  let unreadable = 0;
  let afterId = 0;
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch++) {
    const rows = await db.guest.findMany({
      where: { ...notCurrent, id: { gt: afterId } },
      select: { id: true, idDocumentCipher: true },
      orderBy: { id: "asc" },
      take: options.batchSize ?? ROTATION_BATCH_SIZE,
    });
    if (!rows.length) break;
    afterId = rows.at(-1)!.id;
    const updates: { id: number; from: string; to: string }[] = [];
    for (const row of rows) {
      const sealed = row.idDocumentCipher!;
      const plain = readIdNumber(sealed, keyring);
      if (plain === null) {
        unreadable++;
        continue;
      }
      fromVersions.add(idKeyVersionOf(sealed)!);
      updates.push({ id: row.id, from: sealed, to: encryptIdNumber(plain, keyring) });
    }
    // One statement per batch: a short write, whatever the provider. A row is
    // written only if its value is still the one read (a desk edit in between
    // wins), and the guest's version and updatedAt stay: a rotation is no edit.
    if (updates.length) {
      const sealedAnew = Prisma.join(
        updates.map((u) => Prisma.sql`WHEN ${u.id} THEN ${u.to}`),
        " ",
      );
      const stillAsRead = Prisma.join(
        updates.map((u) => Prisma.sql`("id" = ${u.id} AND "idDocumentCipher" = ${u.from})`),
        " OR ",
      );
      reencrypted += await db.$executeRaw`UPDATE "Guest" SET "idDocumentCipher" = CASE "id" ${sealedAnew} END WHERE ${stillAsRead}`;
    }
    options.onBatch?.(reencrypted);
  }
  const remaining = await db.guest.count({ where: notCurrent });
  const retired: number[] = [];
  if (remaining === 0) {
    const older = await db.keyCheck.findMany({
      where: { purpose: ID_KEY_PURPOSE, retiredAt: null, keyVersion: { not: keyring.current } },
      select: { keyVersion: true },
    });
    for (const { keyVersion } of older) {
      await retireKeyVersion(db, keyVersion);
      retired.push(keyVersion);
    }
  }
  const outcome = {
    toVersion: keyring.current,
    fromVersions: [...fromVersions].sort((a, b) => a - b),
    reencrypted,
    unreadable,
    remaining,
    retired,
  };
  if (reencrypted || retired.length)
    await recordAudit(db, actor, {
      action: "UPDATE",
      entity: "IdKey",
      changes: {
        keyVersion: [outcome.fromVersions.join(", ") || null, outcome.toVersion],
        reencrypted,
        remaining,
        retiredVersions: retired,
      },
    });
  return outcome;
}

export type IdKeyStatus = {
  current: number;
  versions: { version: number; rows: number; configured: boolean; checkStored: boolean; retired: boolean }[];
  /** Values at a version that has neither a key nor a check value. */
  otherRows: number;
};

/** How many ID numbers are sealed with each key version. */
export async function idKeyStatus(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<IdKeyStatus> {
  const keyring = idKeyring(env);
  const checks = await db.keyCheck.findMany({ where: { purpose: ID_KEY_PURPOSE } });
  const known = [...new Set([...keyring.keys.keys(), ...checks.map((c) => c.keyVersion)])].sort((a, b) => a - b);
  const versions = [];
  for (const version of known) {
    const check = checks.find((c) => c.keyVersion === version);
    versions.push({
      version,
      rows: await countSealedWith(db, version),
      configured: keyring.keys.has(version),
      checkStored: !!check,
      retired: !!check?.retiredAt,
    });
  }
  const total = await db.guest.count({ where: { idDocumentCipher: { not: null } } });
  return { current: keyring.current, versions, otherRows: total - versions.reduce((sum, v) => sum + v.rows, 0) };
}
