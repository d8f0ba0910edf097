// A complaint, suggestion or compliment as one role may see it — the one home
// of the rule, so no loader can hand out the guest's words to a role without
// `complaint:read` (it gets kind, category, status and dates, and a flag the
// page turns into "not visible to your role").
import { can, type RoleName } from "~/auth/permissions";

type FeedbackTexts = {
  description: string;
  handling: string | null;
  compensation: string | null;
  guestReactionNote: string | null;
};

export type FeedbackAsSeen<F extends FeedbackTexts> = Omit<F, keyof FeedbackTexts> & {
  description: string | null;
  handling: string | null;
  compensation: string | null;
  guestReactionNote: string | null;
  /** The texts were withheld from this role. */
  textsHidden: boolean;
};

export function feedbackForRole<F extends FeedbackTexts>(role: RoleName, feedback: F): FeedbackAsSeen<F> {
  if (!can(role, "complaint:read"))
    return { ...feedback, description: null, handling: null, compensation: null, guestReactionNote: null, textsHidden: true };
  // What was offered is money's worth: those who handle complaints or see spend.
  const compensation = can(role, "spend:view") || can(role, "complaint:handle") ? feedback.compensation : null;
  return { ...feedback, compensation, textsHidden: false };
}
