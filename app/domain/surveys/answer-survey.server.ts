// The guest's side of a survey link: what the page shows, and the one answer
// per stay. No sign-in: the signed token names the invitation; an answer is
// recorded as the staff's are (recordSurvey: audit, timeline, satisfaction
// score), with its origin, and the invitation marked answered in the same
// transaction. A second answer — another tab, a double click, a forwarded
// mail — is told it was already recorded and changes nothing.
import type { Db } from "~/db/client.server";
import { SYSTEM_ACTOR } from "../actor";
import { DomainError } from "../errors";
import { recordSurveyIn } from "../loyalty/loyalty.server";
import type { SurveyAnswer } from "../loyalty/loyalty-forms";
import { readSurveyToken } from "./survey-invitations.server";
import { SURVEY_LINK_SOURCE } from "./survey-link-source";

export type SurveyLinkState =
  | { state: "invalid" }
  | {
      state: "expired" | "answered" | "open";
      language: string;
      hotel: { name: string; nameZh: string };
      arrivalDate: string;
      departureDate: string;
    };

async function invitationOf(db: Db, token: string) {
  const id = readSurveyToken(token);
  if (id === null) return null;
  return db.surveyInvitation.findUnique({
    where: { id },
    include: {
      stay: {
        select: {
          id: true,
          guestId: true,
          arrivalDate: true,
          departureDate: true,
          survey: { select: { id: true } },
          property: { select: { name: true, nameZh: true } },
          guest: { select: { deletedAt: true, anonymizedAt: true } },
        },
      },
    },
  });
}

type Invitation = NonNullable<Awaited<ReturnType<typeof invitationOf>>>;

function stateOf(invitation: Invitation | null, now: Date): SurveyLinkState {
  // An erased or binned guest's link leads nowhere: the page would otherwise confirm the stay.
  if (!invitation || invitation.stay.guest.deletedAt || invitation.stay.guest.anonymizedAt) return { state: "invalid" };
  const shown = {
    language: invitation.language,
    hotel: invitation.stay.property,
    arrivalDate: invitation.stay.arrivalDate,
    departureDate: invitation.stay.departureDate,
  };
  if (invitation.stay.survey || invitation.status === "ANSWERED") return { state: "answered", ...shown };
  if (invitation.expiresAt.getTime() < now.getTime()) return { state: "expired", ...shown };
  return { state: "open", ...shown };
}

export async function openSurveyLink(db: Db, token: string, now = new Date()): Promise<SurveyLinkState> {
  return stateOf(await invitationOf(db, token), now);
}

/** Record the guest's answer. Returns the link's state afterwards ("answered"), or why it was not taken. */
export async function answerSurveyLink(
  db: Db,
  token: string,
  answer: SurveyAnswer,
  now = new Date(),
): Promise<SurveyLinkState & { recorded: boolean }> {
  const invitation = await invitationOf(db, token);
  const before = stateOf(invitation, now);
  if (before.state !== "open" || !invitation) return { ...before, recorded: false };
  // A guest merged into another since the stay: the stay (and so the answer) now belongs to the survivor.
  const guestId = invitation.stay.guestId;
  try {
    await db.$transaction(async (tx) => {
      const claimed = await tx.surveyInvitation.updateMany({
        where: { id: invitation.id, status: { not: "ANSWERED" } },
        data: { status: "ANSWERED", answeredAt: now },
      });
      if (claimed.count !== 1) throw new DomainError("error.surveyExists");
      await recordSurveyIn(
        tx,
        { ...SYSTEM_ACTOR },
        guestId,
        { stayId: invitation.stay.id, score: answer.score, comment: answer.comment, answeredAt: now },
        { source: SURVEY_LINK_SOURCE, externalId: String(invitation.id) },
      );
    });
  } catch (error) {
    const duplicate =
      (error as { code?: string }).code === "P2002" || (error instanceof DomainError && error.messageKey === "error.surveyExists");
    if (!duplicate) throw error;
    return { ...before, state: "answered", recorded: false };
  }
  return { ...before, state: "answered", recorded: true };
}
