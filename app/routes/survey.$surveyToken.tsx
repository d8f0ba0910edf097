// The survey link a guest gets by e-mail after check-out: no sign-in, the
// signed token names the invitation. One answer per stay; a link that is not
// ours, expired, or already answered says so (never a 500, never the guest's
// details).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/db/client.server";
import { surveyAnswerSchema } from "~/domain/loyalty/loyalty-forms";
import { answerSurveyLink, openSurveyLink, type SurveyLinkState } from "~/domain/surveys/answer-survey.server";
import { readForm } from "~/http/read-form.server";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { SurveyAnswerForm } from "./__survey-answer-form";

export const meta: MetaFunction = pageMeta("title.survey", { appName: false, robots: "noindex" });

const noStore = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };

function shown(link: SurveyLinkState) {
  return link.state === "invalid" ? { state: link.state } : link;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await openSurveyLink(db(), String(params.surveyToken));
  if (link.state === "invalid") throw new Response("This survey link is not valid.", { status: 404, headers: noStore });
  return json({ link: shown(link) }, { headers: noStore });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = String(params.surveyToken);
  const submission = parseWithZod(await readForm(request), { schema: surveyAnswerSchema });
  if (submission.status !== "success") {
    const link = await openSurveyLink(db(), token);
    if (link.state === "invalid") throw new Response("This survey link is not valid.", { status: 404, headers: noStore });
    return json({ result: submission.reply(), recorded: false, link: shown(link) }, { status: 400, headers: noStore });
  }
  const outcome = await answerSurveyLink(db(), token, submission.value);
  if (outcome.state === "invalid") throw new Response("This survey link is not valid.", { status: 404, headers: noStore });
  const status = outcome.recorded ? 200 : outcome.state === "answered" ? 409 : 410;
  return json({ result: null, recorded: outcome.recorded, link: shown(outcome) }, { status, headers: noStore });
}

export default function SurveyPage() {
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const link = (data?.link ?? loaded.link) as Exclude<SurveyLinkState, { state: "invalid" }>;
  const hotel = locale === "zh-CN" ? link.hotel.nameZh : link.hotel.name;
  return (
    <section className="login card survey-page">
      <h1>{t("survey.title", { hotel })}</h1>
      <p>{t("survey.stay", { arrival: formatDate(link.arrivalDate, locale), departure: formatDate(link.departureDate, locale) })}</p>
      {data?.recorded ? (
        <p role="status">{t("survey.thanks")}</p>
      ) : link.state === "answered" ? (
        <p role="status">{t("survey.already")}</p>
      ) : link.state === "expired" ? (
        <p role="status">{t("survey.expired")}</p>
      ) : (
        <SurveyAnswerForm lastResult={data?.result} submitLabel={t("survey.send")} />
      )}
    </section>
  );
}
