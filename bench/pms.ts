// npm run bench -- pms [--messages 10000] [--senders 8] [--no-build]
// The PMS feed on SQLite: reservation messages over HTTP to the production
// build, from concurrent senders, each reservation going through its life
// (reserved → in house → room move → checked out) with its messages spread
// over the senders, so they arrive out of order. Reports the time, the
// answers that were not 2xx (errors), the duplicates (stays or guests beyond
// one per reservation and profile) and the stays not at their latest state.
// Target: 10k messages ≤ 60 s, 0 errors, 0 duplicates.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { createDb } from "../app/db/client.server";
import { SYSTEM_ACTOR } from "../app/domain/actor";
import { createApiKey } from "../app/domain/feed/api-keys.server";
import { buildApp, startServer } from "./lib/server";
import { summarise, table } from "./lib/stats";

const TARGET_SECONDS = 60;
const STEPS = [
  { status: "RESERVED", room: null },
  { status: "IN_HOUSE", room: "1201" },
  { status: "IN_HOUSE", room: "1502" },
  { status: "CHECKED_OUT", room: "1502" },
] as const;

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { messages: { type: "string", default: "10000" }, senders: { type: "string", default: "8" }, "no-build": { type: "boolean" } },
  });
  const total = Number(values.messages);
  const senders = Number(values.senders);
  const log = (line: string) => console.log(`[pms] ${line}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-pms-"));
  const file = path.join(dir, "pms.db");
  const migrate = spawnSync("npx", ["tsx", "scripts/prisma.ts", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(migrate.stdout + migrate.stderr);
  const setup = createDb(`file:${file}`);
  await setup.property.create({ data: { code: "SHA", name: "Hotel SHA", nameZh: "上海酒店", timeZone: "Asia/Shanghai", currency: "CNY" } });
  const { key } = await createApiKey(setup, SYSTEM_ACTOR, { name: "bench", scopes: ["pms:write"], propertyCodes: [] });
  await setup.$disconnect();
  if (!values["no-build"]) buildApp(log);
  const server = await startServer(file, log);

  const reservations = Math.ceil(total / STEPS.length);
  // Message i: reservation i % reservations, step floor(i / reservations): later steps are queued later,
  // but eight senders take them as they come, so neighbouring steps of one reservation race.
  const messages = Array.from({ length: total }, (_, i) => {
    const r = i % reservations;
    const step = Math.floor(i / reservations);
    const day = String(1 + (r % 28)).padStart(2, "0");
    return {
      source: "BENCH-PMS",
      externalId: `R-${r}`,
      modifiedAt: new Date(Date.UTC(2026, 10, 1, 0, 0, step)).toISOString(),
      sequence: step,
      propertyCode: "SHA",
      status: STEPS[step].status,
      ...(STEPS[step].room ? { roomNumber: STEPS[step].room } : {}),
      roomType: "DELUXE",
      arrivalDate: `2026-12-${day}`,
      departureDate: `2027-01-${day}`,
      rateAmount: 88000,
      guest: { externalId: `P-${r % Math.ceil(reservations * 0.8)}`, fullName: `Bench Guest ${r}`, email: `guest${r}@example.test` },
    };
  });

  let next = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async (_, sender) => {
      for (;;) {
        const i = next++;
        if (i >= messages.length) return;
        const sent = performance.now();
        const res = await fetch(`${server.baseUrl}/api/v1/stays`, {
          method: "PUT",
          headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", "Idempotency-Key": `bench-${sender}-${i}` },
          body: JSON.stringify(messages[i]),
        });
        const body = await res.text();
        latencies.push(performance.now() - sent);
        if (res.status >= 300) {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push(`${res.status} ${body.slice(0, 200)}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await server.stop();

  const db = new Database(file, { readonly: true });
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const stays = n(`SELECT COUNT(*) AS n FROM "Stay" WHERE "source" = 'BENCH-PMS'`);
  const profiles = new Set(messages.map((m) => m.guest.externalId)).size;
  const guests = n(`SELECT COUNT(*) AS n FROM "Guest" WHERE "source" = 'BENCH-PMS'`);
  const notLatest = n(
    `SELECT COUNT(*) AS n FROM "Stay" WHERE "source" = 'BENCH-PMS' AND ("status" <> 'CHECKED_OUT' OR "roomNumber" <> '1502')`,
  );
  const deadLetters = n(`SELECT COUNT(*) AS n FROM "DeadLetter"`);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const latency = summarise(latencies);
  const duplicates = stays - reservations + (guests - profiles);
  const rows: (string | number)[][] = [
    ["messages", total],
    ["senders", senders],
    ["seconds", seconds.toFixed(1)],
    ["messages/s", (total / seconds).toFixed(0)],
    ["latency p50 / p95 / p99 ms", `${latency.p50.toFixed(1)} / ${latency.p95.toFixed(1)} / ${latency.p99.toFixed(1)}`],
    ["errors (non-2xx)", errors],
    ["stays / reservations", `${stays} / ${reservations}`],
    ["guests / profiles", `${guests} / ${profiles}`],
    ["duplicates", duplicates],
    ["stays not at the latest state", notLatest],
    ["dead letters", deadLetters],
    [
      "target",
      `≤ ${TARGET_SECONDS} s, 0 errors, 0 duplicates: ${seconds <= TARGET_SECONDS && errors === 0 && duplicates === 0 ? "met" : "NOT met"}`,
    ],
  ];
  console.log(table(["", "value"], rows));
  for (const sample of errorSamples) console.log(`error sample: ${sample}`);
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(
    path.join("bench/results", `pms-${new Date().toISOString().slice(0, 10)}.json`),
    JSON.stringify(
      { total, senders, seconds, latency, errors, stays, reservations, guests, profiles, duplicates, notLatest, deadLetters },
      null,
      2,
    ),
  );
}
