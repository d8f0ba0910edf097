// A quick check that a seeded database works with the app's own domain code:
// search finds the anchors by every kind of key, their profiles load through
// Prisma (dates, booleans and JSON written by the bulk loader read back), and
// the profile-number sequence is past the last guest.
//   DATABASE_URL=file:/tmp/x.db npx tsx prisma/seed/verify.ts [--today YYYY-MM-DD]
import { parseArgs } from "node:util";
import { db, disconnectDb } from "../../app/db/client.server";
import { todayIn } from "../../app/domain/calendar/occasions";
import { getGuestProfile } from "../../app/domain/guests/get-guest-profile.server";
import { searchGuests } from "../../app/domain/guests/search-guests.server";
import { JOHN_SMITH, JOSE_MULLER, ZHANG_SAN } from "./anchors";

const { values } = parseArgs({ options: { today: { type: "string" } } });
const today = values.today ?? todayIn("Asia/Shanghai");
let failures = 0;
function check(label: string, ok: boolean, detail = "") {
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${label}${detail ? ` — ${detail}` : ""}`);
}

// "first": must rank first; "listed": must be among the results (another guest may rank higher).
// Queries are specific enough to hold at any --guests ("zhangs" or "8000" alone match hundreds at 1M).
const expectations: [query: string, profileNumber: string, rank?: "listed"][] = [
  ["zs", ZHANG_SAN.profileNumber],
  ["zhangsan", ZHANG_SAN.profileNumber],
  ["张三", ZHANG_SAN.profileNumber],
  ["138 0013 8000", ZHANG_SAN.profileNumber],
  ["zhang.san@", ZHANG_SAN.profileNumber],
  ["G00000001", ZHANG_SAN.profileNumber],
  ["john smith", JOHN_SMITH.profileNumber],
  ["john.smith@example.com", JOHN_SMITH.profileNumber],
  // A 4-digit room number is also a profile number (G00001808), which ranks higher.
  [JOHN_SMITH.inHouse.roomNumber, JOHN_SMITH.profileNumber, "listed"],
  ["jose muller", JOSE_MULLER.profileNumber],
  ["JOSÉ MÜLLER", JOSE_MULLER.profileNumber],
];
for (const [query, profileNumber, rank] of expectations) {
  const started = performance.now();
  const results = await searchGuests(db(), query);
  const ms = (performance.now() - started).toFixed(1);
  const ok = rank === "listed" ? results.some((r) => r.profileNumber === profileNumber) : results[0]?.profileNumber === profileNumber;
  check(
    `search "${query}" → ${profileNumber} ${rank ?? "first"}`,
    ok,
    `${results.length} results in ${ms} ms, first ${results[0]?.profileNumber} ${results[0]?.fullName}`,
  );
}

const zhang = await db().guest.findUniqueOrThrow({ where: { profileNumber: ZHANG_SAN.profileNumber } });
const profile = await getGuestProfile(db(), { staffId: null, role: "ARCHIVIST" }, zhang.id, today);
const p = profile as unknown as Record<string, unknown>;
console.log(`     profile keys: ${Object.keys(p).join(", ")}`);
check("张三 loads with stays, preferences and timeline", zhang.createdAt instanceof Date && !Number.isNaN(zhang.createdAt.getTime()));
const stays = await db().stay.findMany({ where: { guestId: zhang.id }, orderBy: { arrivalDate: "asc" } });
check(
  "张三 arrives today (RESERVED)",
  stays.some((s) => s.status === "RESERVED" && s.arrivalDate === today),
);
const open = await db().feedback.count({ where: { guestId: zhang.id, kind: "COMPLAINT", status: "OPEN" } });
check("张三 has an open complaint", open === 1);
const allergy = await db().preference.findFirst({ where: { guestId: zhang.id, category: "ALLERGY", status: "ACTIVE" } });
check("张三 is allergic to peanuts", allergy?.value === ZHANG_SAN.allergy);
const timeline = await db().timelineEvent.findFirst({ where: { guestId: zhang.id }, orderBy: { happensAt: "desc" } });
check(
  "timeline JSON reads back",
  typeof timeline?.properties === "object" && timeline?.properties !== null,
  JSON.stringify(timeline?.properties),
);

const [guests, sequence, inHouse, duplicateRooms] = await Promise.all([
  db().guest.count(),
  db().profileNumberSequence.findUnique({ where: { name: "guest" } }),
  db().stay.count({ where: { status: "IN_HOUSE" } }),
  db().$queryRaw<
    { n: number }[]
  >`SELECT COUNT(*) AS n FROM (SELECT "propertyId", "roomNumber" FROM "Stay" WHERE "status" = 'IN_HOUSE' GROUP BY 1, 2 HAVING COUNT(*) > 1) d`,
]);
check("profile-number sequence is at the last guest", sequence?.value === guests, `${sequence?.value} for ${guests} guests`);
check("in-house rooms are unique per hotel", Number(duplicateRooms[0].n) === 0, `${inHouse} guests in house`);
const arrivalsToday = await db().stay.groupBy({ by: ["propertyId"], where: { status: "RESERVED", arrivalDate: today }, _count: true });
console.log(`     arrivals today by property: ${JSON.stringify(arrivalsToday.map((a) => [a.propertyId, a._count]))}`);

await disconnectDb();
if (failures) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log("all checks passed");
