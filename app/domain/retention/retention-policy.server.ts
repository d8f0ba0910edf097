// The written retention policy: one row, defaults from the brief (3 years of
// inactivity, 30 days in the recycle bin before anonymisation).
import type { Db, DbTx } from "~/db/client.server";
import { asTimestamp } from "~/db/sql.server";
import type { Actor } from "../actor";
import { recordAudit, diffFields } from "../audit/record-audit.server";
import type { RetentionPolicyInput } from "./retention-policy-form";

export async function getRetentionPolicy(db: DbTx) {
  const policy = await db.retentionPolicy.findUnique({ where: { id: 1 } });
  if (policy) return policy;
  // First use: create the row with its defaults. Two callers at once (two
  // purges, two instances) must not collide on the id: ON CONFLICT on both
  // providers, where Prisma's upsert would race on PostgreSQL.
  await db.$executeRaw`INSERT INTO "RetentionPolicy" ("id", "updatedAt") VALUES (1, ${asTimestamp(new Date())}) ON CONFLICT ("id") DO NOTHING`;
  return db.retentionPolicy.findUniqueOrThrow({ where: { id: 1 } });
}

export type RetentionPolicy = Awaited<ReturnType<typeof getRetentionPolicy>>;

export async function updateRetentionPolicy(db: Db, actor: Actor, input: RetentionPolicyInput) {
  return db.$transaction(async (tx) => {
    const before = await getRetentionPolicy(tx);
    const data = {
      inactivityDays: input.inactivityDays,
      graceDays: input.graceDays,
      exemptFutureStay: input.exemptFutureStay,
      exemptOpenComplaint: input.exemptOpenComplaint,
      exemptLegalHold: input.exemptLegalHold,
      exemptVipLevel: input.exemptVipLevel ?? null,
      exemptRecentConsent: input.exemptRecentConsent,
    };
    const policy = await tx.retentionPolicy.update({ where: { id: 1 }, data: { ...data, updatedById: actor.staffId } });
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "RetentionPolicy",
      entityId: 1,
      changes: diffFields(before as unknown as Record<string, unknown>, data),
    });
    return policy;
  });
}
