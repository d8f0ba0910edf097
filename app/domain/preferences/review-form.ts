// The archivist's decisions in the inbox, one schema for both sides: accept,
// accept after editing, reject with a reason (required) — for one observation
// or for a checked selection. Browser-safe.
import { z } from "zod";
import { requiredText } from "../forms";
import { PREFERENCE_CATEGORIES } from "./preference-form-categories";

const id = z.preprocess((v) => Number(v), z.number().int().positive().max(2_147_483_647));
const selection = z.preprocess(
  (v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(id).min(1, "inbox.noneSelected").max(500),
);
const reason = requiredText(300);

export const reviewFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), preferenceId: id }),
  z.object({
    intent: z.literal("acceptEdited"),
    preferenceId: id,
    category: z.enum(PREFERENCE_CATEGORIES),
    value: requiredText(120),
  }),
  z.object({ intent: z.literal("reject"), preferenceId: id, reason }),
  z.object({ intent: z.literal("bulkAccept"), preferenceId: selection }),
  z.object({ intent: z.literal("bulkReject"), preferenceId: selection, reason }),
]);
export type ReviewFormInput = z.infer<typeof reviewFormSchema>;

export const REVIEW_INTENTS = ["accept", "acceptEdited", "reject", "bulkAccept", "bulkReject"] as const;

/** The form a decision came from, so the page shows its errors there: one per observation, one for the selection. */
export function reviewFormKey(intent: string, preferenceId?: unknown): string {
  if (intent === "bulkAccept" || intent === "bulkReject") return "bulk";
  return `review-${intent === "acceptEdited" ? "edit" : intent}-${String(preferenceId ?? "")}`;
}
