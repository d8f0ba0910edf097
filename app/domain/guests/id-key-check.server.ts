// The ID keys are checked against the database before a process works with
// them: KeyCheck holds a fixed text sealed with each key version, and a
// process whose key does not open it refuses to start, saying which variable
// is wrong and what to do — instead of every profile with an ID number failing
// later, or new ID numbers being sealed with a key nobody else has. A version
// seen for the first time stores its check value, after opening an ID number
// already sealed with it, if there is one (docs/decisions/015).
import type { Db, DbTx } from "~/db/client.server";
import {
  IdKeyConfigError,
  encryptIdNumber,
  idKeyVersionOf,
  idKeyring,
  readIdNumber,
  sealedWithVersion,
  type IdKeyring,
} from "./id-document.server";

export const ID_KEY_PURPOSE = "id-number";
const CHECK_TEXT = "guest-archive ID key check";

/** The configured keys do not fit the database; the message says what to do. */
export class IdKeyCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IdKeyCheckError";
  }
}

export type IdKeyCheck = { keyring: IdKeyring; stored: number[] };

export async function verifyIdKeys(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<IdKeyCheck> {
  let keyring: IdKeyring;
  try {
    keyring = idKeyring(env);
  } catch (error) {
    throw error instanceof IdKeyConfigError ? new IdKeyCheckError(error.message) : error;
  }
  const checks = await db.keyCheck.findMany({ where: { purpose: ID_KEY_PURPOSE } });
  const versions = [...keyring.keys.keys()];
  if (!checks.length) {
    // The first check on a database from before check values: nothing sealed so far may lack its key.
    const orphan = await db.guest.findFirst({
      where: { idDocumentCipher: { not: null }, NOT: versions.map(sealedWithVersion) },
      select: { idDocumentCipher: true },
    });
    if (orphan) throw missingKey(keyring, idKeyVersionOf(orphan.idDocumentCipher!));
  }
  const stored: number[] = [];
  for (const version of versions) {
    const check = checks.find((c) => c.keyVersion === version);
    if (check) {
      if (readIdNumber(check.check, keyring) === null) throw wrongKey(keyring, version, "the stored check value");
      // A version taken back into use seals again.
      if (check.retiredAt && version === keyring.current)
        await db.keyCheck.update({
          where: { purpose_keyVersion: { purpose: ID_KEY_PURPOSE, keyVersion: version } },
          data: { retiredAt: null },
        });
      continue;
    }
    const sample = await db.guest.findFirst({
      where: { idDocumentCipher: { not: null }, ...sealedWithVersion(version) },
      select: { idDocumentCipher: true },
    });
    if (sample && readIdNumber(sample.idDocumentCipher!, keyring) === null) throw wrongKey(keyring, version, "the ID numbers stored");
    try {
      await db.keyCheck.create({
        data: { purpose: ID_KEY_PURPOSE, keyVersion: version, check: encryptIdNumber(CHECK_TEXT, keyring, version) },
      });
      stored.push(version);
    } catch (error) {
      // Another process starting at the same moment stored it first: it must fit too.
      if ((error as { code?: string }).code !== "P2002") throw error;
      const theirs = await db.keyCheck.findUniqueOrThrow({
        where: { purpose_keyVersion: { purpose: ID_KEY_PURPOSE, keyVersion: version } },
      });
      if (readIdNumber(theirs.check, keyring) === null) throw wrongKey(keyring, version, "the stored check value");
    }
  }
  // A version that is no longer configured must have nothing left sealed with it.
  for (const check of checks) {
    if (check.retiredAt || keyring.keys.has(check.keyVersion)) continue;
    const left = await countSealedWith(db, check.keyVersion);
    if (left) throw missingKey(keyring, check.keyVersion, left);
    await retireKeyVersion(db, check.keyVersion);
  }
  return { keyring, stored };
}

/** verifyIdKeys for a command's entry point: the message and exit 1 instead of a stack trace. */
export async function verifyIdKeysOrExit(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<IdKeyCheck> {
  try {
    return await verifyIdKeys(db, env);
  } catch (error) {
    if (error instanceof IdKeyCheckError) console.error(error.message);
    else if ((error as { code?: string }).code === "P2021")
      console.error("The database has no tables yet: run `npm run db:migrate` (or `npm start`) first.");
    else throw error;
    await db.$disconnect();
    process.exit(1);
  }
}

export function countSealedWith(db: DbTx, version: number) {
  return db.guest.count({ where: { idDocumentCipher: { not: null }, ...sealedWithVersion(version) } });
}

export async function retireKeyVersion(db: DbTx, version: number) {
  await db.keyCheck.updateMany({
    where: { purpose: ID_KEY_PURPOSE, keyVersion: version, retiredAt: null },
    data: { retiredAt: new Date() },
  });
}

function wrongKey(keyring: IdKeyring, version: number, what: string) {
  const current = version === keyring.current;
  const variable = current ? "ID_ENCRYPTION_KEY" : `ID_ENCRYPTION_KEYS_PREVIOUS (its entry "${version}:…")`;
  const next = Math.max(...keyring.keys.keys()) + 1;
  return new IdKeyCheckError(
    `${variable} is the wrong key: it does not open ${what} of ID key version ${version}. ` +
      `Set it to the key version ${version} was made with (on SQLite without ID_ENCRYPTION_KEY set, the one in data/secrets.json or SECRETS_FILE; keep it with the backups).` +
      (current
        ? ` To change to a new key instead, give it the next version and keep the old one: ID_ENCRYPTION_KEY=<new key> ID_ENCRYPTION_KEY_VERSION=${next} ` +
          `ID_ENCRYPTION_KEYS_PREVIOUS="${version}:<old key>", then run \`npm run keys -- rotate\` (README, Keys and rotation).`
        : "") +
      " Refusing to start.",
  );
}

function missingKey(keyring: IdKeyring, version: number | null, count?: number) {
  return new IdKeyCheckError(
    `${count === undefined ? "ID numbers are" : `${count} ID number(s) are`} stored with ID key version ${version ?? "unknown"}, which is not configured ` +
      `(ID_ENCRYPTION_KEY is version ${keyring.current}). Put that key in ID_ENCRYPTION_KEYS_PREVIOUS ("${version ?? "N"}:<key>") ` +
      "until `npm run keys -- rotate` has re-encrypted them with ID_ENCRYPTION_KEY (README, Keys and rotation). Refusing to start.",
  );
}
