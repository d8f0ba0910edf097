// The written retention policy: one row, defaults from the brief (3 years of
// inactivity, 30 days in the recycle bin before anonymisation).
import type { Db, DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit, diffFields } from "../audit/record-audit.server";
import type { RetentionPolicyInput } from "./retention-policy-form";

export async function getRetentionPolicy(db: DbTx) {
  return db.retentionPolicy.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
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
