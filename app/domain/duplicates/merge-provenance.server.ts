// Where each field of a merged profile came from: which profile, which source
// (a merge, or an edit made since), when (docs/decisions/017). Empty for a
// profile nothing was merged into.
import type { DbTx } from "~/db/client.server";
import { can, type RoleName } from "~/auth/permissions";
import { isErasedMergeRecord } from "../retention/anonymise-guest.server";
import type { MergeBefore } from "./merge-guests.server";
import { FIELD_COLUMNS, MERGE_FIELDS, type MergeField, type MergePlan } from "./merge-plan.server";

export type FieldProvenance = {
  field: MergeField | "vipLevel" | "consent";
  /** The profile the value came from. */
  profileNumber: string;
  guestId: number;
  /** "merge": the value the merge kept; "edit": changed on the survivor since. */
  source: "merge" | "edit";
  /** When the value was last confirmed: the source profile's last save before the merge, or the edit. */
  at: string;
  mergeId: number;
  /** Why the merge kept it (FieldRule), for a merge source. */
  rule?: string;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export async function fieldProvenance(db: DbTx, guestId: number, role?: RoleName | "SYSTEM"): Promise<FieldProvenance[]> {
  const merges = (await db.guestMerge.findMany({ where: { survivorId: guestId, undoneAt: null }, orderBy: { id: "asc" } })).filter(
    (m) => !isErasedMergeRecord(m.plan),
  );
  if (!merges.length) return [];
  const guest = await db.guest.findUniqueOrThrow({ where: { id: guestId } });
  const current = JSON.parse(JSON.stringify(guest)) as Record<string, unknown>;
  const byField = new Map<FieldProvenance["field"], FieldProvenance>();
  for (const merge of merges) {
    const plan = merge.plan as unknown as MergePlan;
    const before = merge.before as unknown as MergeBefore;
    const left = (column: string) => (column in before.written ? before.written[column] : before.survivor[column]);
    const entry = (
      field: FieldProvenance["field"],
      from: "survivor" | "other",
      columns: readonly string[],
      rule?: string,
    ): FieldProvenance => {
      const edited = columns.some((c) => !same(current[c], left(c)));
      if (edited)
        return { field, profileNumber: guest.profileNumber, guestId, source: "edit", at: guest.updatedAt.toISOString(), mergeId: merge.id };
      const side = plan[from];
      return {
        field,
        profileNumber: side.profileNumber,
        guestId: side.id,
        source: "merge",
        at: side.updatedAt,
        mergeId: merge.id,
        ...(rule ? { rule } : {}),
      };
    };
    for (const f of plan.fields) {
      if (f.rule === "empty") continue;
      byField.set(f.field, entry(f.field, f.from === "other" ? "other" : "survivor", FIELD_COLUMNS[f.field], f.rule));
    }
    const vip = plan.vipLevel;
    byField.set("vipLevel", entry("vipLevel", vip.other > vip.survivor ? "other" : "survivor", ["vipLevel"], "higher"));
    const consentFromOther = Object.values(plan.consent).some((c) => c.survivor && !c.other);
    byField.set(
      "consent",
      entry(
        "consent",
        consentFromOther ? "other" : "survivor",
        ["consentEmail", "consentSms", "consentPhone", "consentMail"],
        "restrictive",
      ),
    );
  }
  const order: FieldProvenance["field"][] = [...MERGE_FIELDS, "vipLevel", "consent"];
  return order
    .filter((f) => byField.has(f))
    .filter((f) => f !== "idDocument" || !role || role === "SYSTEM" || can(role, "idDocument:viewMasked"))
    .map((f) => byField.get(f)!);
}
