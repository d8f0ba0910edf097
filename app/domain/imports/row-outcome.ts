// What a row of an import did, and the context each row is applied in.
import type { DbTx } from "~/db/client.server";
import { translate } from "~/i18n/i18n";
import type { Actor } from "../actor";
import type { RowProblem } from "./guest-rows";

export const ROW_OUTCOMES = ["CREATED", "UPDATED", "LINKED", "REVIEW", "UNCHANGED", "REJECTED"] as const;
export type RowOutcomeName = (typeof ROW_OUTCOMES)[number];
export type ImportEntity = "Guest" | "Stay" | "Charge";

export type RowOutcome = {
  outcome: RowOutcomeName;
  entity?: ImportEntity;
  entityId?: number;
  version?: number;
  before?: unknown;
  reason?: string;
};

export type RowContext = {
  actor: Actor;
  runId: number;
  source: string;
  asOf: Date;
  /** Today at the property (or the chain's home): the guest form's latest birth date. */
  today: string;
  propertyId: number | null;
};

/** A rejection's reason as the rejected-rows file shows it: "field: message" per problem, in English. */
export function reasonOf(problems: RowProblem[]): string {
  return problems.map((p) => `${p.field || "row"}: ${translate("en", p.message)}`).join("; ");
}

/**
 * The entity an earlier import (not undone, not a dry run — or this very run)
 * made from a row with the same values: a re-import recognises its own rows.
 */
export async function seenBefore(tx: DbTx, ctx: RowContext, entity: ImportEntity, fingerprint: string): Promise<number | null> {
  const earlier = await tx.importRowOutcome.findFirst({
    where: {
      fingerprint,
      entity,
      entityId: { not: null },
      OR: [{ runId: ctx.runId }, { run: { dryRun: false, status: { not: "UNDONE" } } }],
    },
    orderBy: { id: "desc" },
    select: { entityId: true },
  });
  return earlier?.entityId ?? null;
}
