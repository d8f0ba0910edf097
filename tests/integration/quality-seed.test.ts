// The demo seed's known truth: the quality job finds exactly the planted
// issues (prisma/seed/planted-quality.ts), and on the clean part nothing but
// the planted duplicates' shared phones (planted-duplicates.ts).
import { beforeAll, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { runQualityChecks } from "~/domain/quality/run-quality-checks.server";
import { QUALITY_RULE_IDS } from "~/domain/quality/rules";
import { plantedPairs } from "../../prisma/seed/planted-duplicates";
import { plantedQualityIssues } from "../../prisma/seed/planted-quality";
import { runSeed } from "../../prisma/seed/run";
import { TODAY } from "../support/fixtures";

const GUESTS = 2100;
let findings: { ruleId: string; profileNumber: string }[];

beforeAll(async () => {
  const seeded = await runSeed({
    databaseUrl: process.env.DATABASE_URL!,
    guests: GUESTS,
    seed: 42,
    today: TODAY,
    ifEmpty: false,
    force: true,
    batchSize: 500,
    workers: 0,
    log: () => {},
  });
  expect(seeded.status).toBe("seeded");
  await runQualityChecks(db(), { asOf: TODAY, dryRun: false });
  const rows = await db().qualityFinding.findMany({
    where: { status: "OPEN" },
    select: { ruleId: true, guest: { select: { profileNumber: true } } },
  });
  findings = rows.map((r) => ({ ruleId: r.ruleId, profileNumber: r.guest.profileNumber }));
}, 300_000);

it("finds every planted issue exactly once, at least one per rule", () => {
  const planted = plantedQualityIssues(GUESTS);
  expect(new Set(planted.map((p) => p.ruleId))).toEqual(new Set(QUALITY_RULE_IDS));
  const key = (f: { ruleId: string; profileNumber: string }) => `${f.ruleId} ${f.profileNumber}`;
  const variants = new Set(plantedPairs(GUESTS).same.map((p) => p.b));
  const beyondDuplicates = findings.filter((f) => !(f.ruleId === "phone-shared" && variants.has(f.profileNumber)));
  expect(beyondDuplicates.map(key).sort()).toEqual(planted.map(key).sort());
});

it("finds nothing else on the clean part but the planted duplicates that copy the original's phone", () => {
  const samePhone = new Set(findings.filter((f) => f.ruleId === "phone-shared").map((f) => f.profileNumber));
  const copying = plantedPairs(GUESTS).same.filter((p) => p.kind === "traditional" || p.kind === "phoneFormat");
  expect(copying.length).toBeGreaterThan(0);
  for (const pair of copying) expect(samePhone.has(pair.b), pair.b).toBe(true);
});
