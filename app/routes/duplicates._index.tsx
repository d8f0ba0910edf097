import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DUPLICATE_BANDS, DUPLICATE_STATUSES, type DuplicateBand } from "~/domain/duplicates/queue-filter";
import { listDuplicateQueueAs } from "~/domain/duplicates/review-duplicates.server";
import { pageParam } from "~/http/id-param";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { Pager } from "~/ui/pager";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.duplicates");

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return (values as readonly string[]).includes(value ?? "") ? (value as T) : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "duplicates:review");
  const params = new URL(request.url).searchParams;
  const filter = {
    status: oneOf(DUPLICATE_STATUSES, params.get("status")) ?? "OPEN",
    band: oneOf<DuplicateBand>(DUPLICATE_BANDS, params.get("band")),
    page: pageParam(params.get("page")),
  };
  return json({ ...(await listDuplicateQueueAs(db(), actorOf(staff, request), filter)), filter });
}

export default function DuplicateQueue() {
  const { candidates, total, page, pageCount, filter } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const params: Record<string, string> = { status: filter.status, ...(filter.band ? { band: filter.band } : {}) };
  return (
    <section>
      <h1>{t("duplicates.title")}</h1>
      <p className="hint">{t("duplicates.help")}</p>
      <Form method="get" className="filters">
        <label>
          {t("duplicates.filterStatus")}{" "}
          <select name="status" defaultValue={filter.status}>
            {DUPLICATE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`duplicates.status.${s}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("duplicates.filterBand")}{" "}
          <select name="band" defaultValue={filter.band ?? ""}>
            <option value="">{t("duplicates.anyBand")}</option>
            {DUPLICATE_BANDS.map((b) => (
              <option key={b} value={b}>
                {t(`duplicates.band.${b}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{t("duplicates.filter")}</button>
      </Form>
      <p role="status">{t("duplicates.count", { count: total })}</p>
      {candidates.length ? (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t("duplicates.pair")}</th>
                <th scope="col">{t("duplicates.score")}</th>
                <th scope="col">{t("duplicates.evidence")}</th>
                <th scope="col">{t("duplicates.found")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("duplicates.compare")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.id}>
                  <td data-label={t("duplicates.pair")}>
                    {c.lowGuest.profileNumber} {c.lowGuest.fullName}
                    <br />
                    {c.highGuest.profileNumber} {c.highGuest.fullName}
                  </td>
                  <td data-label={t("duplicates.score")}>
                    {c.score} · {t(`duplicates.band.${c.band}`)}
                  </td>
                  <td data-label={t("duplicates.evidence")}>
                    {c.evidence
                      .filter((e) => e.weight > 0)
                      .map((e) => t(`duplicates.verdict.${e.field}.${e.verdict}`))
                      .join(" · ")}
                  </td>
                  <td data-label={t("duplicates.found")}>{formatDateTime(c.foundAt, locale, timeZone)}</td>
                  <td>
                    <Link
                      to={`/duplicates/${c.id}`}
                      aria-label={t("duplicates.compareAria", { a: c.lowGuest.profileNumber, b: c.highGuest.profileNumber })}
                    >
                      {t("duplicates.compare")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("duplicates.empty")}</p>
      )}
      <Pager page={page} pageCount={pageCount} params={params} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
