// A stay's post-stay survey, for staff: the answer when there is one (from the
// guest's e-mailed link, the PMS or the desk), whether the link went out, and
// a form to record what the guest said at the desk or on paper.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError, NotFoundError } from "~/domain/errors";
import { surveyAnswerSchema } from "~/domain/loyalty/loyalty-forms";
import { canSurvey, findStaySurvey, getStaySurvey, recordStaySurvey } from "~/domain/surveys/stay-survey.server";
import { SURVEY_LINK_SOURCE } from "~/domain/surveys/survey-link-source";
import { idParam } from "~/http/id-param";
import { readForm } from "~/http/read-form.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDate, formatDateTime } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { useTimeZone } from "~/ui/use-time-zone";
import { SurveyAnswerForm } from "./__survey-answer-form";

export const meta: MetaFunction = pageMeta("title.stay-survey");

async function load(request: Request, params: LoaderFunctionArgs["params"], register: boolean) {
  const staff = await requireStaff(request, "survey:record");
  const guestId = idParam(params, "guestId");
  const stayId = idParam(params, "stayId");
  try {
    const stay = register
      ? await getStaySurvey(db(), actorOf(staff, request), guestId, stayId)
      : await findStaySurvey(db(), guestId, stayId);
    return { staff, guestId, stayId, stay };
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { stay } = await load(request, params, true);
  return json({ stay }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, guestId, stayId, stay } = await load(request, params, false);
  const submission = parseWithZod(await readForm(request), { schema: surveyAnswerSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  if (!canSurvey(stay.status)) return json({ result: submission.reply({ formErrors: ["error.surveyNotCheckedOut"] }) }, { status: 400 });
  try {
    await recordStaySurvey(db(), actorOf(staff, request), guestId, stayId, submission.value);
  } catch (error) {
    if (error instanceof DomainError && !(error instanceof NotFoundError))
      return json({ result: submission.reply({ formErrors: [error.messageKey] }) }, { status: 409 });
    throw error;
  }
  return redirect(`/guests/${guestId}/stays/${stayId}/survey?recorded=1`);
}

export default function StaySurvey() {
  const { stay } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const invitation = stay.surveyInvitation;
  return (
    <section className="card">
      <p>
        <Link to={`/guests/${stay.guest.id}`}>
          ← {stay.guest.fullName} · {stay.guest.profileNumber}
        </Link>
      </p>
      <h1>{t("staySurvey.title")}</h1>
      <p>
        {stay.property.code} · {formatDate(stay.arrivalDate, locale)} – {formatDate(stay.departureDate, locale)} ·{" "}
        {t(`stayStatus.${stay.status}`)}
      </p>
      {stay.survey ? (
        <dl className="facts">
          <dt>{t("staySurvey.score")}</dt>
          <dd className="survey-score">{stay.survey.score} / 10</dd>
          <dt>{t("survey.comment")}</dt>
          <dd>{stay.survey.comment ?? "—"}</dd>
          <dt>{t("staySurvey.answered")}</dt>
          <dd>
            {formatDateTime(stay.survey.answeredAt, locale, timeZone)} ·{" "}
            {stay.survey.source === null
              ? t("staySurvey.source.STAFF")
              : stay.survey.source === SURVEY_LINK_SOURCE
                ? t("staySurvey.source.SURVEY_LINK")
                : t("staySurvey.source.FEED", { source: stay.survey.source })}
          </dd>
        </dl>
      ) : (
        <>
          <p role="status">
            {invitation
              ? invitation.sentAt
                ? t("staySurvey.linkSent", {
                    sent: formatDateTime(invitation.sentAt, locale, timeZone),
                    expires: formatDateTime(invitation.expiresAt, locale, timeZone),
                  })
                : t(`staySurvey.link.${invitation.status}`)
              : t("staySurvey.noLink")}
          </p>
          {canSurvey(stay.status) ? (
            <>
              <h2>{t("staySurvey.record")}</h2>
              <SurveyAnswerForm lastResult={data?.result} submitLabel={t("staySurvey.save")} />
            </>
          ) : (
            <p>{t("error.surveyNotCheckedOut")}</p>
          )}
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
