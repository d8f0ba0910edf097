import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { useActionData, useLoaderData } from "@remix-run/react";
import { readForm } from "~/http/read-form.server";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { CAMPAIGN_KINDS, campaignFormSchema } from "~/domain/outreach/campaign-form";
import { createCampaign } from "~/domain/outreach/campaigns.server";
import { DEFAULT_TEXTS, type CampaignKind } from "~/domain/outreach/campaign-texts";
import { ensureDefaultHolidays } from "~/domain/outreach/holidays";
import { listProperties } from "~/domain/properties/properties.server";
import { useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { OutreachNav } from "~/ui/outreach-nav";
import { CampaignEditor } from "./__campaign-editor";
import { kindTextsOf } from "./__campaign-editor.server";

export const meta: MetaFunction = pageMeta("title.outreach-campaigns-new");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "campaigns:manage");
  await ensureDefaultHolidays(db());
  const [markers, holidays, properties] = await Promise.all([
    db().identityMarker.findMany({ orderBy: { id: "asc" } }),
    db().holiday.findMany({ where: { active: true }, orderBy: { id: "asc" } }),
    listProperties(db()),
  ]);
  const asked = new URL(request.url).searchParams.get("kind");
  const kind: CampaignKind = CAMPAIGN_KINDS.find((k) => k === asked) ?? "BIRTHDAY";
  return json({ markers, holidays, properties, kind });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "campaigns:manage");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: campaignFormSchema });
  if (formData.get("intent") === "kindTexts") {
    const kindTexts = kindTextsOf(formData);
    if (kindTexts) return json({ result: undefined, kindTexts });
  }
  if (submission.status !== "success") return json({ result: submission.reply(), kindTexts: null }, { status: 400 });
  const campaign = await createCampaign(db(), actorOf(staff, request), submission.value);
  return redirect(`/outreach/campaigns/${campaign.id}`);
}

export default function NewCampaign() {
  const { markers, holidays, properties, kind } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <section>
      <OutreachNav />
      <h1>{t("campaign.new")}</h1>
      <CampaignEditor
        // The server's switch of texts (no JavaScript) starts the form afresh from the values it sent back.
        key={data?.kindTexts ? `kind-${data.kindTexts.kindNotice.kind}` : "form"}
        lastResult={data?.kindTexts ? undefined : data?.result}
        markers={markers}
        holidays={holidays}
        properties={properties}
        defaultValue={data?.kindTexts?.defaultValue ?? { kind, textsKind: kind, channel: "EMAIL", leadDays: "7", ...DEFAULT_TEXTS[kind] }}
        kindNotice={data?.kindTexts?.kindNotice}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
