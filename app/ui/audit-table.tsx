import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDateTime } from "./format";
import { useTimeZone } from "~/ui/use-time-zone";

export type AuditRow = {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: number | null;
  ip: string | null;
  changes: unknown;
  staff: { id: number; displayName: string; username: string; role: string } | null;
  guest: { id: number; fullName: string; profileNumber: string } | null;
};

function describeChanges(changes: unknown): string {
  if (!changes || typeof changes !== "object") return "";
  return Object.entries(changes as Record<string, unknown>)
    .map(([field, value]) =>
      Array.isArray(value) && value.length === 2
        ? `${field}: ${JSON.stringify(value[0])} → ${JSON.stringify(value[1])}`
        : `${field}: ${JSON.stringify(value)}`,
    )
    .join("; ");
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  if (!rows.length) return <p className="muted">{t("audit.empty")}</p>;
  return (
    <div className="table-scroll">
      <table className="audit-table stack">
        <thead>
          <tr>
            <th scope="col">{t("audit.when")}</th>
            <th scope="col">{t("audit.who")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.record")}</th>
            <th scope="col">{t("audit.guest")}</th>
            <th scope="col">{t("audit.changes")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td data-label={t("audit.when")}>{formatDateTime(r.at, locale, timeZone)}</td>
              <td data-label={t("audit.who")}>
                {r.staff ? <Link to={`/audit?staff=${r.staff.id}`}>{r.staff.displayName}</Link> : t("recycleBin.system")}
                {r.ip ? <span className="muted"> · {r.ip}</span> : null}
              </td>
              <td data-label={t("audit.action")}>{t(`auditAction.${r.action}`)}</td>
              <td data-label={t("audit.record")}>
                {r.entity}
                {r.entityId ? ` #${r.entityId}` : ""}
              </td>
              <td data-label={t("audit.guest")}>
                {r.guest ? (
                  <Link to={`/audit?guest=${r.guest.id}`}>
                    {r.guest.fullName} · {r.guest.profileNumber}
                  </Link>
                ) : (
                  ""
                )}
              </td>
              <td data-label={t("audit.changes")} className="changes">
                {describeChanges(r.changes)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
