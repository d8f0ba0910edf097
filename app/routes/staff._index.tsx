// Staff administration: everyone who can sign in, with role, home property,
// department, status and last sign-in.
import { pageMeta } from "~/ui/page-meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { pageParam } from "~/http/id-param";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { listStaff } from "~/domain/staff/list-staff.server";
import { STAFF_STATUSES } from "~/domain/staff/staff-form";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { Pager } from "~/ui/pager";

export const meta: MetaFunction = pageMeta("title.staff");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, "staff:manage", { context });
  const params = new URL(request.url).searchParams;
  const requested = params.get("status");
  const status = STAFF_STATUSES.find((s) => s === requested) ?? "active";
  const page = pageParam(params.get("page"));
  const [list, home] = await Promise.all([listStaff(db(), { status, page }), clockOf(db(), admin.propertyId)]);
  return json({ ...list, status, timeZone: home.timeZone }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function StaffList() {
  const { staff, total, page, pageCount, status, timeZone } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("staff.title")}</h1>
      <div className="toolbar">
        <Form method="get" className="toolbar">
          <label htmlFor="status">{t("staff.status")}</label>
          <select id="status" name="status" defaultValue={status}>
            {STAFF_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`staff.filter.${s}`)}
              </option>
            ))}
          </select>
          <button type="submit">{t("audit.filter")}</button>
        </Form>
        <Link className="button" to="/staff/new">
          {t("staff.new")}
        </Link>
      </div>
      <p className="hint">{t("staff.total", { total })}</p>
      <div className="table-scroll">
        <table className="stack">
          <thead>
            <tr>
              <th scope="col">{t("staff.displayName")}</th>
              <th scope="col">{t("staff.username")}</th>
              <th scope="col">{t("staff.role")}</th>
              <th scope="col">{t("staff.property")}</th>
              <th scope="col">{t("staff.department")}</th>
              <th scope="col">{t("staff.status")}</th>
              <th scope="col">{t("staff.lastSignIn")}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <td data-label={t("staff.displayName")}>
                  <Link to={`/staff/${s.id}`}>{s.displayName}</Link>
                </td>
                <td data-label={t("staff.username")}>{s.username}</td>
                <td data-label={t("staff.role")}>{t(`role.${s.role}`)}</td>
                <td data-label={t("staff.property")}>{s.property ? s.property.code : t("staff.allProperties")}</td>
                <td data-label={t("staff.department")}>{t(`department.${s.department}`)}</td>
                <td data-label={t("staff.status")} className={s.active ? undefined : "status-inactive"}>
                  {t(s.active ? "staff.active" : "staff.inactive")}
                  {s.active && s.mustChangePassword ? <span className="muted"> · {t("staff.mustChange")}</span> : null}
                </td>
                <td data-label={t("staff.lastSignIn")}>
                  {s.lastSignInAt ? formatDateTime(s.lastSignInAt, locale, timeZone) : t("staff.never")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pageCount={pageCount} params={{ status }} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
