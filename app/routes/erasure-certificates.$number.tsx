import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { codeParam } from "~/http/id-param";
import { getErasureCertificate } from "~/domain/retention/erase-guest.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.erasure-certificate");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, "guest:erase");
  const certificate = await getErasureCertificate(db(), codeParam(params, "number"));
  if (!certificate) throw new Response("Not found", { status: 404 });
  return json({ certificate });
}

export default function ErasureCertificate() {
  const { certificate } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const categories = certificate.categories as Record<string, number>;
  return (
    <article className="card certificate">
      <h1>{t("erasure.certificateTitle")}</h1>
      <dl className="basics">
        <dt>{t("erasure.number")}</dt>
        <dd>{certificate.number}</dd>
        <dt>{t("guest.profileNumber")}</dt>
        <dd>{certificate.profileNumber}</dd>
        <dt>{t("erasure.erasedAt")}</dt>
        <dd>{formatDateTime(certificate.erasedAt, locale, timeZone)}</dd>
        <dt>{t("erasure.erasedBy")}</dt>
        <dd>
          {certificate.erasedBy
            ? `${certificate.erasedBy.displayName} (${t(`role.${certificate.erasedBy.role}`)})`
            : t("recycleBin.system")}
        </dd>
        <dt>{t("erasure.reason")}</dt>
        <dd>{certificate.reason}</dd>
      </dl>
      <h2>{t("erasure.categories")}</h2>
      <ul>
        {Object.entries(categories).map(([category, count]) => (
          <li key={category}>
            {t(`erased.${category}`)}: {count}
          </li>
        ))}
      </ul>
      <p className="hint">{t("erasure.kept")}</p>
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t("arrivals.print")}
        </button>
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
