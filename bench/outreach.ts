// npm run bench -- outreach [--guests 1000000] [--as-of YYYY-MM-DD]
// The birthday and holiday planning jobs over a seeded archive (default 1M
// guests): an active birthday campaign (e-mail, 7 lead days) and an active
// holiday campaign for the next holiday, both to everyone with e-mail consent.
// Each job runs twice: the second run must plan nothing (idempotent).
// Target: ≤ 10 s per job at 1M guests.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { seededDatabase } from "./lib/databases";
import { rssSampler, scratchCopy } from "./lib/scratch";

const TARGET_SECONDS = 10;

export async function run(args: string[]) {
  const { values } = parseArgs({ args, options: { guests: { type: "string", default: "1000000" }, "as-of": { type: "string" } } });
  const guests = Number(values.guests);
  const log = (line: string) => console.log(line);
  const seeded = seededDatabase(guests, { log });
  const file = scratchCopy(seeded.file, "outreach", log);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.ID_ENCRYPTION_KEY = "bench";
  const { db, disconnectDb } = await import("../app/db/client.server");
  const { todayIn, addDays, daysBetween } = await import("../app/domain/calendar/occasions");
  const { ensureDefaultHolidays, holidayOccurrences } = await import("../app/domain/outreach/holidays");
  const { runNamedJob } = await import("../jobs/registry.server");

  const asOf = values["as-of"] ?? todayIn("Asia/Shanghai");
  await ensureDefaultHolidays(db());
  const holidays = await db().holiday.findMany({ where: { active: true } });
  const next = holidays
    .map((h) => ({ h, occurrence: holidayOccurrences(h, asOf, addDays(asOf, 366))[0] }))
    .filter((x) => x.occurrence)
    .sort((a, b) => a.occurrence.date.localeCompare(b.occurrence.date))[0];
  const leadDays = daysBetween(asOf, next.occurrence.date) + 1;
  const common = {
    channel: "EMAIL" as const,
    audience: {},
    status: "ACTIVE" as const,
    subjectEn: "Dear {name}",
    subjectZh: "{name}您好",
    offer: "10% off",
  };
  await db().campaign.create({
    data: {
      ...common,
      name: "Bench birthdays",
      kind: "BIRTHDAY",
      leadDays: 7,
      templateEn: "Happy birthday, {name}! {gift} awaits.",
      templateZh: "{name}，生日快乐！为您准备了{gift}。",
    },
  });
  await db().campaign.create({
    data: {
      ...common,
      name: `Bench ${next.h.nameEn}`,
      kind: "HOLIDAY",
      holidayId: next.h.id,
      leadDays,
      templateEn: "Happy {holiday}, {name}!",
      templateZh: "{name}，{holiday}快乐！",
    },
  });
  const consenting = await db().guest.count({ where: { consentEmail: true, email: { not: null }, deletedAt: null } });
  log(
    `as of ${asOf}: ${consenting.toLocaleString("en")} guests with e-mail consent; next holiday ${next.h.nameEn} on ${next.occurrence.date} (lead ${leadDays} days)`,
  );

  const results: { job: string; run: number; seconds: number; peakRssMiB: number; counts: Record<string, number>; status: string }[] = [];
  for (const job of ["birthdays", "holidays"] as const) {
    for (const runNumber of [1, 2]) {
      const rss = rssSampler();
      const started = performance.now();
      const outcome = await runNamedJob(db(), job, { asOf, dryRun: false, trigger: "cli" });
      const seconds = (performance.now() - started) / 1000;
      results.push({
        job,
        run: runNumber,
        seconds: Math.round(seconds * 10) / 10,
        peakRssMiB: rss.stop(),
        counts: outcome.counts,
        status: outcome.status,
      });
      log(
        `${job} run ${runNumber}: ${outcome.status} in ${seconds.toFixed(1)} s ${JSON.stringify(outcome.counts)}${outcome.error ? ` ${outcome.error}` : ""}`,
      );
    }
  }
  const tasks = await db().outreachTask.count();
  await disconnectDb();

  const lines = [
    "# Outreach benchmark",
    "",
    `Run ${new Date().toISOString()} with \`npm run bench -- outreach --guests ${guests}\` on the seeded ${guests.toLocaleString("en")}-guest archive (as of ${asOf}; ${consenting.toLocaleString("en")} guests with e-mail consent). Target: ≤ ${TARGET_SECONDS} s per job.`,
    "",
    "| job | run | status | seconds | peak RSS MiB | counts |",
    "| --- | --- | --- | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${r.job} | ${r.run} | ${r.status} | ${r.seconds} | ${r.peakRssMiB} | ${Object.entries(r.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")} |`,
    ),
    "",
    `Tasks in the database afterwards: ${tasks.toLocaleString("en")} (the second runs planned nothing).`,
    "",
  ];
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(path.join("bench/results", "outreach.md"), lines.join("\n"));
  console.log(lines.join("\n"));
}
