// npm run bench -- register [--guests 100000] [--list-reads 100000] [--requests 500]
// What the access register costs a read (docs/decisions/014), on a scratch
// copy of a seeded archive, in-process (the HTTP and framework share is the
// search benchmark's):
// - a bare SELECT 1, the profile's VIEW row, a list read of 20 guests (one
//   INSERT; the trigger links the guests), and the desk search without and
//   with its registration, interleaved request by request;
// - then the register filled with --list-reads typeahead rows of 20 guests
//   each, and a guest's register page (listAudit by guest) for a guest shown
//   in many lists and one shown in few.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { seededDatabase } from "./lib/databases";
import { scratchCopy } from "./lib/scratch";
import { markdownTable, summarise } from "./lib/stats";

const QUERIES = ["zs", "zhangs", "张三", "muller", "8000", "g1", "wang", "li", "chen", "1234"];

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      guests: { type: "string", default: "100000" },
      "list-reads": { type: "string", default: "100000" },
      requests: { type: "string", default: "500" },
    },
  });
  const guests = Number(values.guests);
  const listReads = Number(values["list-reads"]);
  const requests = Number(values.requests);
  const log = (line: string) => console.log(line);
  const file = scratchCopy(seededDatabase(guests, { log }).file, "register", log);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.ID_ENCRYPTION_KEY = "bench";
  const { db, disconnectDb } = await import("../app/db/client.server");
  const { recordAudit, recordListRead } = await import("../app/domain/audit/record-audit.server");
  const { listAudit } = await import("../app/domain/audit/list-audit.server");
  const { deskSearchPage, deskSearchPageAs } = await import("../app/domain/guests/search-guests.server");

  const desk = await db().staff.findFirstOrThrow({ where: { username: "desk" } });
  const actor = { staffId: desk.id, role: "FRONT_DESK" as const, ip: "127.0.0.1" };
  const shown = Array.from({ length: 20 }, (_, i) => i + 1);
  const samples: Record<string, number[]> = {
    "SELECT 1": [],
    "profile VIEW row": [],
    "list read of 20 guests": [],
    "desk search": [],
    "desk search, registered": [],
  };
  const time = async (name: string, work: () => Promise<unknown>, keep: boolean) => {
    const started = performance.now();
    await work();
    if (keep) samples[name].push(performance.now() - started);
  };
  for (let i = -30; i < requests; i++) {
    const q = QUERIES[(i + 30) % QUERIES.length];
    await time("SELECT 1", () => db().$queryRaw`SELECT 1`, i >= 0);
    await time("profile VIEW row", () => recordAudit(db(), actor, { action: "VIEW", entity: "Guest", entityId: 1, guestId: 1 }), i >= 0);
    await time(
      "list read of 20 guests",
      () =>
        recordListRead(db(), actor, "GuestSearch", {
          context: { query: q, via: "typeahead", matchedOn: ["name"] },
          found: 20,
          shownGuestIds: shown,
        }),
      i >= 0,
    );
    await time("desk search", () => deskSearchPage(db(), q, 1), i >= 0);
    await time("desk search, registered", () => deskSearchPageAs(db(), actor, q, 1, "typeahead"), i >= 0);
  }
  const writeRows = Object.entries(samples).map(([name, s]) => {
    const x = summarise(s);
    return [name, x.n, x.p50, x.p95, x.p99];
  });

  // A register of `listReads` typeahead rows: guest 1 is in every 50th list, a guest near the end in few.
  log(`filling the register with ${listReads.toLocaleString("en")} list reads …`);
  const filling = performance.now();
  const sqlite = new Database(file);
  const insert = sqlite.prepare(
    `INSERT INTO "AuditEntry" ("at", "staffId", "action", "entity", "changes") VALUES (?, ?, 'VIEW', 'GuestSearch', ?)`,
  );
  const start = Date.now() - listReads * 60_000;
  sqlite.transaction(() => {
    for (let i = 0; i < listReads; i++) {
      const ids = Array.from({ length: 20 }, (_, k) => 2 + ((i * 37 + k * 4999) % (guests - 1)));
      if (i % 50 === 0) ids[0] = 1;
      const at = new Date(start + i * 60_000).toISOString().replace("Z", "+00:00");
      insert.run(at, desk.id, JSON.stringify({ query: "zs", via: "typeahead", matchedOn: ["initials"], found: 20, shownGuestIds: ids }));
    }
  })();
  const counts = sqlite
    .prepare(`SELECT (SELECT COUNT(*) FROM "AuditEntry") AS "rows", (SELECT COUNT(*) FROM "AuditEntryGuest") AS "links"`)
    .get() as {
    rows: number;
    links: number;
  };
  sqlite.close();
  const fillSeconds = (performance.now() - filling) / 1000;

  const rare = guests - 7;
  const pageRows: (string | number)[][] = [];
  for (const [label, guestId, page] of [
    ["often shown (guest 1), page 1", 1, 1],
    ["often shown (guest 1), page 20", 1, 20],
    [`rarely shown (guest ${rare}), page 1`, rare, 1],
  ] as const) {
    const runs: number[] = [];
    let total = 0;
    for (let i = 0; i < 25; i++) {
      const started = performance.now();
      total = (await listAudit(db(), { guestId, page })).total;
      if (i >= 5) runs.push(performance.now() - started);
    }
    const x = summarise(runs);
    pageRows.push([label, total, x.p50, x.p95]);
  }
  await disconnectDb();

  const report = [
    "# Access register benchmark",
    "",
    `Run ${new Date().toISOString()} with \`npm run bench -- register --guests ${guests} --list-reads ${listReads} --requests ${requests}\` on SQLite, in-process, one request at a time. Machine load ${fs.existsSync("/proc/loadavg") ? fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ") : "?"}.`,
    "",
    "## What a read's registration costs (ms)",
    "",
    markdownTable(["step", "n", "p50", "p95", "p99"], writeRows),
    "",
    `## A guest's register page with ${counts.rows.toLocaleString("en")} rows (${counts.links.toLocaleString("en")} guest links) in the register`,
    "",
    `Filled in ${fillSeconds.toFixed(0)} s. \`listAudit({ guestId })\`, 20 timed runs after 5 warm-up runs.`,
    "",
    markdownTable(["guest", "rows of theirs", "p50 ms", "p95 ms"], pageRows),
    "",
  ].join("\n");
  fs.mkdirSync(path.resolve("bench/results"), { recursive: true });
  fs.writeFileSync(path.resolve("bench/results/register.md"), report);
  console.log(`\n${report}`);
}
