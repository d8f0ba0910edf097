// npm run keys -- check | status | rotate [--batch-size N] [--max-batches N]
// The ID keys (README, Keys and rotation): check the configured keys against
// the database's check values, count the ID numbers per key version, and
// re-encrypt the older ones with ID_ENCRYPTION_KEY (app/domain/guests/id-key-rotation.server.ts).
import "dotenv/config";
import { parseArgs } from "node:util";
import { ensureLocalSecretsOrExit } from "../app/config/local-secrets.server";
import { createDb } from "../app/db/client.server";
import { databaseUrl } from "../app/db/provider";
import { SYSTEM_ACTOR } from "../app/domain/actor";
import { verifyIdKeysOrExit } from "../app/domain/guests/id-key-check.server";
import { ROTATION_BATCH_SIZE, idKeyStatus, rotateIdKey } from "../app/domain/guests/id-key-rotation.server";

const USAGE = `Usage:
  npm run keys -- check     the configured ID keys open the database's check values (exit 1 if not)
  npm run keys -- status    ID numbers per key version
  npm run keys -- rotate [--batch-size N] [--max-batches N]
                            re-encrypt every ID number with ID_ENCRYPTION_KEY (resumable)`;

const { values, positionals } = parseArgs({
  options: { "batch-size": { type: "string" }, "max-batches": { type: "string" } },
  allowPositionals: true,
  strict: true,
});
const command = positionals[0];
if (!["check", "status", "rotate"].includes(command ?? "")) {
  console.error(USAGE);
  process.exit(2);
}
function count(name: string): number | undefined {
  const text = values[name as keyof typeof values];
  if (text === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(text)) {
    console.error(`--${name} must be a whole number from 1, got "${text}".`);
    process.exit(2);
  }
  return Number(text);
}
const batchSize = count("batch-size");
const maxBatches = count("max-batches");

ensureLocalSecretsOrExit(process.env, ["ID_ENCRYPTION_KEY"]);
const db = createDb(databaseUrl());
try {
  const { keyring, stored } = await verifyIdKeysOrExit(db);
  if (stored.length) console.log(`Stored the check value of key version ${stored.join(", ")} (first use).`);
  if (command === "check") {
    console.log(
      `The ID keys fit this database: ID_ENCRYPTION_KEY is key version ${keyring.current}` +
        (keyring.keys.size > 1
          ? `; previous versions configured: ${[...keyring.keys.keys()].filter((v) => v !== keyring.current).join(", ")}.`
          : "."),
    );
  } else if (command === "status") {
    const status = await idKeyStatus(db);
    console.log(`ID_ENCRYPTION_KEY is key version ${status.current}.`);
    console.log("version  ID numbers  key configured  check stored  retired");
    for (const v of status.versions)
      console.log(
        `${String(v.version).padStart(7)}  ${String(v.rows).padStart(10)}  ${(v.configured ? "yes" : "no").padEnd(14)}  ${(v.checkStored ? "yes" : "no").padEnd(12)}  ${v.retired ? "yes" : "no"}`,
      );
    if (status.otherRows) console.log(`${status.otherRows} ID number(s) at a version with neither a key nor a check value.`);
    const older = status.versions.filter((v) => v.version !== status.current && v.rows > 0);
    if (older.length) console.log("Run `npm run keys -- rotate` to re-encrypt the older versions with ID_ENCRYPTION_KEY.");
  } else {
    const started = Date.now();
    const outcome = await rotateIdKey(db, SYSTEM_ACTOR, {
      batchSize: batchSize ?? ROTATION_BATCH_SIZE,
      maxBatches,
      onBatch: (done) => process.stdout.write(`\rRe-encrypted ${done} ID number(s)…`),
    });
    if (outcome.reencrypted) process.stdout.write("\n");
    console.log(
      `Rotation to key version ${outcome.toVersion}: ${outcome.reencrypted} re-encrypted` +
        (outcome.fromVersions.length ? ` (from version ${outcome.fromVersions.join(", ")})` : "") +
        `, ${outcome.remaining} left at older versions, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    if (outcome.unreadable)
      console.log(`${outcome.unreadable} ID number(s) could not be read with the configured keys and were left as they are.`);
    if (outcome.retired.length)
      console.log(
        `Key version ${outcome.retired.join(", ")} retired: nothing is sealed with it any more; it may leave ID_ENCRYPTION_KEYS_PREVIOUS.`,
      );
    else if (outcome.remaining && !outcome.unreadable) console.log("Run it again to go on.");
    process.exitCode = outcome.unreadable ? 1 : 0;
  }
} finally {
  await db.$disconnect();
}
