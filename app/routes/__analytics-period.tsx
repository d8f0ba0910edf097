// The property and period filter of the analytics pages (a plain GET form).
import { Form } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/use-t";

export type PropertyOption = { id: number; code: string; name: string; nameZh: string; currency: string };

export function PeriodFilter({
  properties,
  propertyId,
  from,
  to,
  mode = "period",
}: {
  properties: PropertyOption[];
  propertyId?: number | null;
  from?: string;
  to?: string;
  /** A period (from–to months), one month (the report), or the property alone. */
  mode?: "period" | "month" | "property";
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <Form method="get" className="toolbar filters no-print" aria-label={t("analytics.filters")}>
      <label htmlFor="propertyId">{t("analytics.property")}</label>
      <select id="propertyId" name="propertyId" defaultValue={propertyId ? String(propertyId) : ""}>
        <option value="">{t("analytics.allProperties")}</option>
        {properties.map((p) => (
          <option key={p.id} value={p.id}>
            {locale === "zh-CN" ? p.nameZh : p.name} ({p.currency})
          </option>
        ))}
      </select>
      {mode === "property" ? null : mode === "month" ? (
        <>
          <label htmlFor="month">{t("analytics.month")}</label>
          <input id="month" name="month" type="month" defaultValue={to} required />
        </>
      ) : (
        <>
          <label htmlFor="from">{t("analytics.from")}</label>
          <input id="from" name="from" type="month" defaultValue={from} />
          <label htmlFor="to">{t("analytics.to")}</label>
          <input id="to" name="to" type="month" defaultValue={to} />
        </>
      )}
      <button type="submit" className="primary">
        {t("analytics.apply")}
      </button>
    </Form>
  );
}
