// Staff's side of a stay's survey: what the stay's survey page shows (the
// answer if there is one, else whether a link went out), and recording the
// answer a guest gave at the desk or on paper. One survey per stay, whoever
// records it first.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { NotFoundError } from "../errors";
import { recordSurvey } from "../loyalty/loyalty.server";
import type { SurveyAnswer } from "../loyalty/loyalty-forms";

/** The stay and its survey, read into the access register (the page's view). */
export async function getStaySurvey(db: Db, actor: Actor, guestId: number, stayId: number) {
  const stay = await findStaySurvey(db, guestId, stayId);
  await recordAudit(db, actor, { action: "VIEW", entity: "Survey", entityId: stay.survey?.id ?? null, guestId, changes: { stayId } });
  return stay;
}

/** The same without a register row: for a form post, whose answer is registered by recordSurvey itself. */
export async function findStaySurvey(db: Db, guestId: number, stayId: number) {
  const stay = await db.stay.findFirst({
    where: { id: stayId, guestId, guest: { deletedAt: null, anonymizedAt: null } },
    select: {
      id: true,
      arrivalDate: true,
      departureDate: true,
      status: true,
      property: { select: { code: true, name: true, nameZh: true } },
      guest: { select: { id: true, fullName: true, profileNumber: true } },
      survey: { select: { id: true, score: true, comment: true, answeredAt: true, source: true } },
      surveyInvitation: { select: { status: true, sentAt: true, expiresAt: true, answeredAt: true } },
    },
  });
  if (!stay) throw new NotFoundError("Stay");
  return stay;
}

export type StaySurvey = Awaited<ReturnType<typeof getStaySurvey>>;

/** Only a stay that has ended can be asked about. */
export function canSurvey(status: string): boolean {
  return status === "CHECKED_OUT";
}

export async function recordStaySurvey(db: Db, actor: Actor, guestId: number, stayId: number, answer: SurveyAnswer) {
  return recordSurvey(db, actor, guestId, { stayId, score: answer.score, comment: answer.comment });
}
