import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { isRealDate } from "~/domain/forms";
import { badRequest, readForm } from "~/http/read-form.server";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { idParam } from "~/http/id-param";
import { DomainError } from "~/domain/errors";
import { campaignFormSchema } from "~/domain/outreach/campaign-form";
import { CAMPAIGN_TRANSITIONS, previewCampaignAs, setCampaignStatus, updateCampaign } from "~/domain/outreach/campaigns.server";
import { ensureDefaultHolidays } from "~/domain/outreach/holidays";
import { listProperties } from "~/domain/properties/properties.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDate } from "~/ui/format";
import { OutreachNav } from "~/ui/outreach-nav";
import { CampaignEditor, campaignDefaults } from "./__campaign-editor";

export const meta: MetaFunction = () => [{ title: "Guest Archive · Campaign / 营销活动" }];

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
  return json({ preview, asOf, markers, holidays, properties, transitions: CAMPAIGN_TRANSITIONS[preview.campaign.status] });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "campaigns:manage");
  const id = idParam(params, "campaignId");
  const formData = await readForm(request);
  const intent = String(formData.get("intent"));
  if (intent === "status") {
    const status = String(formData.get("status"));
    if (status !== "ACTIVE" && status !== "PAUSED" && status !== "ARCHIVED") throw badRequest("error.unknownIntent");
    try {
      await setCampaignStatus(db(), actorOf(staff, request), id, status);
    } catch (error) {
      if (error instanceof DomainError) return json({ result: undefined, statusError: error.messageKey, saved: false }, { status: 409 });
      throw error;
    }
    return json({ result: undefined, statusError: null, saved: false });
  }
  const submission = parseWithZod(formData, { schema: campaignFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), statusError: null, saved: false }, { status: 400 });
  await updateCampaign(db(), actorOf(staff, request), id, submission.value);
  return json({ result: submission.reply(), statusError: null, saved: true });
}

export default function CampaignPage() {
  const { preview, asOf, markers, holidays, properties, transitions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { campaign } = preview;
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
        <div className="toolbar">
          {transitions.map((status) => (
            <Form method="post" key={status}>
              <input type="hidden" name="intent" value="status" />
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
        lastResult={data && "result" in data ? (data.result as never) : undefined}
        markers={markers}
        holidays={holidays}
        properties={properties}
        defaultValue={campaignDefaults(campaign)}
        guestIdCount={guestIds?.length}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
