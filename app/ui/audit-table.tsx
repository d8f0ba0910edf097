import { Link } from "@remix-run/react";
import { isListRead } from "~/domain/audit/audit-entities";
import { isMessageKey } from "~/i18n/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate, formatDateTime } from "./format";
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

type Translate = ReturnType<typeof useT>;

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

const isDay = (value: unknown): value is string => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** "segment=CHAMPIONS, propertyId=1" — filters as the URL spells them. */
function describeFilters(filters: unknown): string {
  if (!filters || typeof filters !== "object") return "";
  return Object.entries(filters as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ");
}

/**
 * A list read in words: what was asked (the query as typed, the form, the
 * date or filters, the page) and how many guests it found; the ids shown are
 * listed under it, each a link to that guest's register.
 */
function ListReadDetails({ row, forGuestId, t }: { row: AuditRow; forGuestId?: number; t: Translate }) {
  const locale = useLocale();
  const { shownGuestIds, found, query, via, matchedOn, form, page, filters, property, propertyId, asOf, date, show, ...rest } =
    (row.changes ?? {}) as Record<string, unknown>;
  const shown = Array.isArray(shownGuestIds) ? (shownGuestIds as number[]) : [];
  const kindKey = row.entity === "DuplicateWarning" ? "guest.matchedOn" : "search.matchedOn";
  const parts: string[] = [];
  if (typeof query === "string") parts.push(t("audit.read.query", { query }));
  if (typeof via === "string") parts.push(t(`audit.read.via.${via}`));
  if (Array.isArray(matchedOn) && matchedOn.length)
    parts.push(t("audit.read.matchedOn", { kinds: matchedOn.map((k) => t(`${kindKey}.${k}`)).join(", ") }));
  if (typeof form === "string") parts.push(t(`audit.read.form.${form}`));
  if (filters !== undefined) parts.push(t("audit.read.filters", { filters: describeFilters(filters) || t("analytics.filter.everyone") }));
  if (typeof property === "string") parts.push(property);
  else if (typeof propertyId === "number") parts.push(t("audit.read.property", { id: propertyId }));
  if (isDay(date)) parts.push(formatDate(date, locale));
  if (isDay(asOf)) parts.push(t("audit.read.asOf", { date: formatDate(asOf, locale) }));
  if (typeof show === "string") parts.push(t(`audit.read.show.${show}`));
  const other = describeFilters(rest);
  if (other) parts.push(other);
  if (typeof page === "number") parts.push(t("audit.read.page", { page }));
  if (typeof found === "number") parts.push(t("audit.read.found", { count: found }));
  return (
    <>
      {parts.join(" · ")}
      {forGuestId && shown.includes(forGuestId) ? <strong> · {t("audit.read.includesGuest")}</strong> : null}
      {shown.length ? (
        <details>
          <summary>{t("audit.read.shown", { count: shown.length })}</summary>
          {shown.map((id, i) => (
            <span key={id}>
              {i ? ", " : ""}
              <Link to={`/guests/${id}/audit`}>#{id}</Link>
            </span>
          ))}
        </details>
      ) : null}
    </>
  );
}

function entityLabel(entity: string, t: Translate) {
  const key = `auditEntity.${entity}`;
  return isMessageKey(key) ? t(key) : entity;
}

/** The register's rows; on one guest's register (`forGuestId`), a list read that showed the guest says so. */
export function AuditTable({ rows, forGuestId }: { rows: AuditRow[]; forGuestId?: number }) {
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
                {entityLabel(r.entity, t)}
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
                {isListRead(r.entity) && r.action === "VIEW" ? (
                  <ListReadDetails row={r} forGuestId={forGuestId} t={t} />
                ) : r.action === "VIEW" && r.changes && typeof (r.changes as { form?: unknown }).form === "string" ? (
                  t(`audit.read.form.${(r.changes as { form: string }).form}`)
                ) : (
                  describeChanges(r.changes)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
