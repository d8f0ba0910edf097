// npm run seed -- [--guests N] [--if-empty] [--force] [--seed S] [--today YYYY-MM-DD] [--batch N] [--workers 0|1]
// Demo and benchmark data: ~2,000 guests by default, 1,000,000 in a few minutes.
// The database must be migrated first (`npx tsx scripts/prisma.ts migrate deploy`).
import "dotenv/config";
import { parseArgs } from "node:util";
import { ensureLocalSecretsOrExit } from "../app/config/local-secrets.server";
import { createDb } from "../app/db/client.server";
import { databaseUrl } from "../app/db/provider";
import { verifyIdKeysOrExit } from "../app/domain/guests/id-key-check.server";
import { todayIn } from "../app/domain/calendar/occasions";
import { runSeed, SeedRefusedError } from "./seed/run";

const { values } = parseArgs({
  options: {
    guests: { type: "string", default: "2000" },
    seed: { type: "string", default: "42" },
    today: { type: "string" },
    batch: { type: "string", default: "2000" },
    workers: { type: "string", default: "1" },
    "if-empty": { type: "boolean", default: false },
    force: { type: "boolean", default: false },
  },
  strict: true,
});

function positiveInt(name: string, text: string): number {
  const n = Number(text.replace(/[_,]/g, ""));
  if (!Number.isSafeInteger(n) || n < 0) throw new SeedRefusedError(`--${name} must be a whole number, got "${text}".`);
  return n;
}

// The seed seals ID numbers: with the install's key (data/secrets.json on SQLite), checked like at start-up.
ensureLocalSecretsOrExit(process.env, ["ID_ENCRYPTION_KEY"]);
{
  const prisma = createDb(databaseUrl());
  await verifyIdKeysOrExit(prisma);
  await prisma.$disconnect();
}

try {
  const today = values.today ?? todayIn("Asia/Shanghai");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today)))
    throw new SeedRefusedError(`--today must be YYYY-MM-DD, got "${today}".`);
  await runSeed({
    databaseUrl: databaseUrl(),
    guests: positiveInt("guests", values.guests),
    seed: positiveInt("seed", values.seed),
    batchSize: Math.max(1, positiveInt("batch", values.batch)),
    workers: Math.min(1, positiveInt("workers", values.workers)),
    today,
    ifEmpty: values["if-empty"],
    force: values.force,
    log: (line) => console.log(line),
  });
} catch (error) {
  if (error instanceof SeedRefusedError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
