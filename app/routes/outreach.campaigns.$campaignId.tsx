import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { isRealDate } from "~/domain/forms";
import { badRequest, readForm } from "~/http/read-form.server";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { idParam } from "~/http/id-param";
import { DomainError } from "~/domain/errors";
import { campaignFormSchema } from "~/domain/outreach/campaign-form";
import {
  ActivationRefused,
  activationCheck,
  CAMPAIGN_TRANSITIONS,
  previewCampaignAs,
  setCampaignStatus,
  updateCampaign,
  type ActivationCheck,
} from "~/domain/outreach/campaigns.server";
import { ensureDefaultHolidays } from "~/domain/outreach/holidays";
import { listProperties } from "~/domain/properties/properties.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDate } from "~/ui/format";
import { OutreachNav } from "~/ui/outreach-nav";
import { CampaignEditor, campaignDefaults } from "./__campaign-editor";
import { kindTextsOf } from "./__campaign-editor.server";

export const meta: MetaFunction = pageMeta("title.campaign");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "campaigns:manage");
  const id = idParam(params, "campaignId");
  const { today } = await clockOf(db(), staff.propertyId);
  const requested = new URL(request.url).searchParams.get("asOf");
  const asOf = isRealDate(requested) ? requested : today;
  await ensureDefaultHolidays(db());
  let preview;
  try {
    preview = await previewCampaignAs(db(), actorOf(staff, request), id, asOf);
  } catch (error) {
    if (error instanceof DomainError) throw new Response("Not found", { status: 404 });
    throw error;
  }
  const [markers, holidays, properties] = await Promise.all([
    db().identityMarker.findMany({ orderBy: { id: "asc" } }),
    db().holiday.findMany({ orderBy: { id: "asc" } }),
    listProperties(db()),
  ]);
  // The allowed next statuses come from the server: .server modules are not in the browser bundle.
  const transitions = CAMPAIGN_TRANSITIONS[preview.campaign.status];
  // What activating would meet, shown before the button is pressed (as of today: the planning jobs' audience).
  const checks = transitions.includes("ACTIVE") ? await activationCheck(db(), preview.campaign, today) : null;
  return json({ preview, asOf, markers, holidays, properties, transitions, checks });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "campaigns:manage");
  const id = idParam(params, "campaignId");
  const formData = await readForm(request);
  const intent = String(formData.get("intent"));
  const reply = {
    result: undefined as SubmissionResult<string[]> | undefined,
    statusError: null as string | null,
    checks: null as ActivationCheck | null,
    saved: false,
    kindTexts: null as ReturnType<typeof kindTextsOf>,
  };
  if (intent === "status") {
    const status = String(formData.get("status"));
    if (status !== "ACTIVE" && status !== "PAUSED" && status !== "ARCHIVED") throw badRequest("error.unknownIntent");
    const { today } = await clockOf(db(), staff.propertyId);
    try {
      await setCampaignStatus(db(), actorOf(staff, request), id, status, { confirm: formData.get("confirm") === "on", asOf: today });
    } catch (error) {
      // Texts that do not fit the kind, or another campaign greeting the same guests: 422 for errors, 409 until confirmed.
      if (error instanceof ActivationRefused)
        return json({ ...reply, statusError: error.messageKey, checks: error.check }, { status: error.confirmable ? 409 : 422 });
      if (error instanceof DomainError) return json({ ...reply, statusError: error.messageKey }, { status: 409 });
      throw error;
    }
    return json(reply);
  }
  if (intent === "kindTexts") {
    if (!(await db().campaign.findUnique({ where: { id }, select: { id: true } }))) throw new Response("Not found", { status: 404 });
    const kindTexts = kindTextsOf(formData);
    if (kindTexts) return json({ ...reply, kindTexts });
  }
  const submission = parseWithZod(formData, { schema: campaignFormSchema });
  if (submission.status !== "success") return json({ ...reply, result: submission.reply() }, { status: 400 });
  await updateCampaign(db(), actorOf(staff, request), id, submission.value);
  return json({ ...reply, result: submission.reply(), saved: true });
}

export default function CampaignPage() {
  const { preview, asOf, markers, holidays, properties, transitions, checks: checksBefore } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { campaign } = preview;
  // The refusal's own findings when activation was just refused, else what the page found on loading.
  const checks = data?.checks ?? checksBefore;
  const needsConfirmation = Boolean(checks && (checks.issues.length || checks.overlaps.length));
  const guestIds = ((campaign.audience ?? {}) as { guestIds?: number[] }).guestIds;
  return (
    <section>
      <OutreachNav />
      <p>
        <Link to="/outreach/campaigns">← {t("campaign.listTitle")}</Link>
      </p>
      <h1>
        {campaign.name} <span className="tag">{t(`campaignStatus.${campaign.status}`)}</span>
      </h1>

      <div className="card stack" aria-labelledby="preview-h">
        <h2 id="preview-h">{t("campaign.preview")}</h2>
        <Form method="get" className="toolbar">
          <label htmlFor="asOf">{t("jobs.asOf")}</label>
          <input id="asOf" name="asOf" type="date" defaultValue={asOf} />
          <button type="submit">{t("retention.preview")}</button>
        </Form>
        <p>
          <strong>{t("campaign.audienceSize", { count: preview.audienceSize })}</strong>
          {preview.everyoneEligible != null
            ? ` · ${t("campaign.birthdayAudience", { count: preview.everyoneEligible, days: campaign.leadDays })}`
            : ""}
          {preview.occasion ? ` · ${t("campaign.nextOccasion", { date: formatDate(preview.occasion.date, locale) })}` : ""}
        </p>
        {preview.alreadyGreeted.length ? (
          <ul className="already-greeted">
            {preview.alreadyGreeted.map((g) => (
              <li key={g.campaignId}>{t("campaign.alreadyGreeted", { count: g.guests, name: g.name })}</li>
            ))}
          </ul>
        ) : null}
        {preview.samples.length ? (
          <ul className="samples">
            {preview.samples.map((s) => (
              <li key={s.guestId} className="sample">
                <p className="muted">
                  {s.fullName} · {s.profileNumber} · {t(`language.${s.language}`)} · {t("campaign.gift")}: {s.gift}
                </p>
                <p>
                  <strong>{s.subject}</strong>
                </p>
                <p className="message">{s.message}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("campaign.noSamples")}</p>
        )}
        {checks ? (
          <section className="stack" aria-labelledby="checks-h">
            <h3 id="checks-h">{t("campaign.checks")}</h3>
            {needsConfirmation ? (
              <ul className="activation-checks">
                {checks.issues.map((issue, i) => (
                  <li key={`issue-${i}`} className={issue.severity === "error" ? "form-error" : "warning"}>
                    <strong>{t(`campaign.issue.${issue.severity}`)}:</strong>{" "}
                    {t(`campaign.issue.${issue.code}`, {
                      field: t(`campaign.${issue.field}`),
                      placeholder: issue.placeholder ? `{${issue.placeholder}}` : "",
                      kind: issue.kind ? t(`campaignKind.${issue.kind}`) : "",
                    })}
                  </li>
                ))}
                {checks.overlaps.map((o) => (
                  <li key={`overlap-${o.campaignId}`} className="warning">
                    <strong>{t("campaign.issue.warning")}:</strong> {t("campaign.overlap", { name: o.name, count: o.guests })}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("campaign.checksNone")}</p>
            )}
          </section>
        ) : null}
        <div className="toolbar">
          {transitions.map((status) => (
            <Form method="post" key={status}>
              <input type="hidden" name="intent" value="status" />
              {status === "ACTIVE" && needsConfirmation ? (
                <label className="field-check">
                  <input type="checkbox" name="confirm" /> {t("campaign.activation.confirm")}
                </label>
              ) : null}
              <button type="submit" name="status" value={status} className={status === "ACTIVE" ? "primary" : undefined}>
                {t(`campaign.to.${status}`)}
              </button>
            </Form>
          ))}
        </div>
        {data?.statusError ? (
          <p className="form-error" role="alert">
            {t(data.statusError)}
          </p>
        ) : null}
      </div>

      {data?.saved ? (
        <p className="notice" role="status">
          {t("campaign.saved")}
        </p>
      ) : null}
      <h2>{t("campaign.edit")}</h2>
      <CampaignEditor
        key={data?.kindTexts ? `kind-${data.kindTexts.kindNotice.kind}` : "form"}
        lastResult={data?.kindTexts ? undefined : (data?.result as never)}
        markers={markers}
        holidays={holidays}
        properties={properties}
        defaultValue={data?.kindTexts?.defaultValue ?? campaignDefaults(campaign)}
        kindNotice={data?.kindTexts?.kindNotice}
        guestIdCount={guestIds?.length}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
