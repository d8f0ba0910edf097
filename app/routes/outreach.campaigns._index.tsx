import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { listCampaigns } from "~/domain/outreach/campaigns.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { OutreachNav } from "~/ui/outreach-nav";

export const meta: MetaFunction = pageMeta("title.outreach-campaigns");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "campaigns:manage");
  return json({ campaigns: await listCampaigns(db()) });
}

export default function Campaigns() {
  const { campaigns } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <OutreachNav />
      <h1>{t("campaign.listTitle")}</h1>
      <p>
        <Link className="button primary" to="/outreach/campaigns/new">
          {t("campaign.new")}
        </Link>
      </p>
      {campaigns.length ? (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t("campaign.name")}</th>
                <th scope="col">{t("campaign.kind")}</th>
                <th scope="col">{t("campaign.channel")}</th>
                <th scope="col">{t("campaign.status")}</th>
                <th scope="col">{t("campaign.tasks")}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <td data-label={t("campaign.name")}>
                    <Link to={`/outreach/campaigns/${c.id}`}>{c.name}</Link>
                  </td>
                  <td data-label={t("campaign.kind")}>
                    {t(`campaignKind.${c.kind}`)}
                    {c.holiday ? ` · ${locale === "zh-CN" ? c.holiday.nameZh : c.holiday.nameEn}` : ""}
                  </td>
                  <td data-label={t("campaign.channel")}>{t(`channel.${c.channel}`)}</td>
                  <td data-label={t("campaign.status")}>
                    <span className="tag">{t(`campaignStatus.${c.status}`)}</span>
                  </td>
                  <td data-label={t("campaign.tasks")}>
                    {Object.keys(c.tasks).length ? (
                      <Link to={`/outreach?${new URLSearchParams({ campaign: String(c.id), status: "PLANNED", dueBy: "9999-12-31" })}`}>
                        {Object.entries(c.tasks)
                          .map(([s, n]) => `${t(`outreachStatus.${s}`)} ${n}`)
                          .join(" · ")}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("campaign.none")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
