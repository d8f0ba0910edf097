// A front desk searching while a job runs, in its own process (better-sqlite3
// is synchronous, so an in-process loop would only measure the event loop).
// Prints {"samples":[ms, …]} on SIGTERM. Usage: tsx bench/lib/desk-probe.ts
import { searchGuests } from "../../app/domain/guests/search-guests.server";
import { createDb } from "../../app/db/client.server";

const db = createDb();
const samples: number[] = [];
const queries = ["zs", "wang", "lim", "8000", "1234", "G1000", "chen", "li"];
let running = true;
process.on("SIGTERM", () => {
  running = false;
});
for (let i = 0; running; i++) {
  const started = performance.now();
  await searchGuests(db, queries[i % queries.length]);
  samples.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
await db.$disconnect();
process.stdout.write(JSON.stringify({ samples }));
