import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { useActionData, useLoaderData } from "@remix-run/react";
import { readForm } from "~/http/read-form.server";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { campaignFormSchema } from "~/domain/outreach/campaign-form";
import { createCampaign } from "~/domain/outreach/campaigns.server";
import { ensureDefaultHolidays } from "~/domain/outreach/holidays";
import { listProperties } from "~/domain/properties/properties.server";
import { useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { OutreachNav } from "~/ui/outreach-nav";
import { CampaignEditor } from "./__campaign-editor";

export const meta: MetaFunction = pageMeta("title.outreach-campaigns-new");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "campaigns:manage");
  await ensureDefaultHolidays(db());
  const [markers, holidays, properties] = await Promise.all([
    db().identityMarker.findMany({ orderBy: { id: "asc" } }),
    db().holiday.findMany({ where: { active: true }, orderBy: { id: "asc" } }),
    listProperties(db()),
  ]);
  const kind = new URL(request.url).searchParams.get("kind") ?? "BIRTHDAY";
  return json({ markers, holidays, properties, kind });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "campaigns:manage");
  const submission = parseWithZod(await readForm(request), { schema: campaignFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
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
        lastResult={data?.result}
        markers={markers}
        holidays={holidays}
        properties={properties}
        defaultValue={{
          kind,
          channel: "EMAIL",
          leadDays: "7",
          subjectEn: t("campaign.defaultSubjectEn"),
          subjectZh: t("campaign.defaultSubjectZh"),
          templateEn: t("campaign.defaultTemplateEn"),
          templateZh: t("campaign.defaultTemplateZh"),
        }}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
