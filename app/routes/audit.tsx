import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { idOf, pageParam } from "~/http/id-param";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { AuditAction } from "~/db/schema";
import { listAudit } from "~/domain/audit/list-audit.server";
import { useT } from "~/i18n/use-t";
import { AuditTable } from "~/ui/audit-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Pager } from "~/ui/pager";

export const meta: MetaFunction = pageMeta("title.audit");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "audit:view");
  const params = new URL(request.url).searchParams;
  const action = params.get("action");
  const filter = {
    guestId: idOf(params.get("guest")),
    staffId: idOf(params.get("staff")),
    action: action && Object.hasOwn(AuditAction, action) ? (action as AuditAction) : undefined,
    page: pageParam(params.get("page")),
  };
  const [result, staff] = await Promise.all([
    listAudit(db(), filter),
    db().staff.findMany({ orderBy: { displayName: "asc" }, select: { id: true, displayName: true } }),
  ]);
  return json({ ...result, staff, filter });
}

export default function AuditLog() {
  const { entries, page, pageCount, total, staff, filter } = useLoaderData<typeof loader>();
  const t = useT();
  const params: Record<string, string> = {};
  if (filter.guestId) params.guest = String(filter.guestId);
  if (filter.staffId) params.staff = String(filter.staffId);
  if (filter.action) params.action = filter.action;
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <Form method="get" className="toolbar">
        <label htmlFor="staff">{t("audit.who")}</label>
        <select id="staff" name="staff" defaultValue={filter.staffId ?? ""}>
          <option value="">{t("audit.anyone")}</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName}
            </option>
          ))}
        </select>
        <label htmlFor="action">{t("audit.action")}</label>
        <select id="action" name="action" defaultValue={filter.action ?? ""}>
          <option value="">{t("audit.anyAction")}</option>
          {Object.keys(AuditAction).map((a) => (
            <option key={a} value={a}>
              {t(`auditAction.${a}`)}
            </option>
          ))}
        </select>
        {filter.guestId ? <input type="hidden" name="guest" value={filter.guestId} /> : null}
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      <p className="hint">{t("audit.total", { total })}</p>
      <AuditTable rows={entries as never} forGuestId={filter.guestId} />
      <Pager page={page} pageCount={pageCount} params={params} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
