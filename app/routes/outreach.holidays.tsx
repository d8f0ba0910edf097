// Holidays: admins configure them; everyone sees this and next year's dates.
import { pageMeta } from "~/ui/page-meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requiredId } from "~/http/id-param";
import { readForm } from "~/http/read-form.server";
import { actorOf, requireStaff } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { db } from "~/db/client.server";
import { recordAudit } from "~/domain/audit/record-audit.server";
import { holidayFormSchema } from "~/domain/outreach/holiday-form";
import { ensureDefaultHolidays, holidayDate } from "~/domain/outreach/holidays";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDate } from "~/ui/format";
import { OutreachNav } from "~/ui/outreach-nav";

export const meta: MetaFunction = pageMeta("title.outreach-holidays");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "outreach:work");
  await ensureDefaultHolidays(db());
  const { today } = await clockOf(db(), staff.propertyId);
  const year = Number(today.slice(0, 4));
  const holidays = await db().holiday.findMany({ orderBy: { id: "asc" } });
  return json({
    canManage: can(staff.role, "holidays:manage"),
    years: [year, year + 1],
    holidays: holidays.map((h) => ({ ...h, dates: [holidayDate(h, year), holidayDate(h, year + 1)] })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "holidays:manage");
  const form = await readForm(request);
  if (form.get("intent") === "toggle") {
    const id = requiredId(form.get("id"));
    const holiday = await db().holiday.findUnique({ where: { id } });
    if (!holiday) throw new Response("Not found", { status: 404 });
    await db().holiday.update({ where: { id }, data: { active: !holiday.active } });
    await recordAudit(db(), actorOf(staff, request), {
      action: "UPDATE",
      entity: "Holiday",
      entityId: id,
      changes: { active: [holiday.active, !holiday.active] },
    });
    return json({ errors: null, values: null });
  }
  const values = Object.fromEntries(form);
  const parsed = holidayFormSchema.safeParse(values);
  if (!parsed.success) return json({ errors: parsed.error.flatten().fieldErrors, values }, { status: 400 });
  if (await db().holiday.findUnique({ where: { code: parsed.data.code } }))
    return json({ errors: { code: ["error.codeTaken"] }, values }, { status: 409 });
  const created = await db().holiday.create({ data: parsed.data });
  await recordAudit(db(), actorOf(staff, request), { action: "CREATE", entity: "Holiday", entityId: created.id, changes: parsed.data });
  return json({ errors: null, values: null });
}

export default function Holidays() {
  const { holidays, years, canManage } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errors = (data?.errors ?? {}) as Record<string, string[] | undefined>;
  const values = (data?.values ?? {}) as Record<string, string>;
  const field = (name: string, label: string, type = "text") => (
    <div className="field">
      <label htmlFor={`h-${name}`}>{label}</label>
      <input
        id={`h-${name}`}
        name={name}
        type={type}
        defaultValue={values[name] ?? ""}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `h-${name}-error` : undefined}
      />
      {errors[name] ? (
        <p className="field-error" id={`h-${name}-error`}>
          {t(errors[name]![0])}
        </p>
      ) : null}
    </div>
  );
  return (
    <section>
      <OutreachNav />
      <h1>{t("holiday.title")}</h1>
      <div className="table-scroll">
        <table className="stack">
          <thead>
            <tr>
              <th scope="col">{t("holiday.name")}</th>
              <th scope="col">{t("guest.birthdayCalendar")}</th>
              {years.map((y) => (
                <th scope="col" key={y}>
                  {y}
                </th>
              ))}
              <th scope="col">{t("jobs.status")}</th>
            </tr>
          </thead>
          <tbody>
            {holidays.map((h) => (
              <tr key={h.id}>
                <td data-label={t("holiday.name")}>{locale === "zh-CN" ? h.nameZh : h.nameEn}</td>
                <td data-label={t("guest.birthdayCalendar")}>
                  {h.calendar === "LUNAR" ? t("specialDate.lunarDate", { month: h.month, day: h.day }) : `${h.month}/${h.day}`}
                </td>
                {h.dates.map((d, i) => (
                  <td key={d} data-label={String(years[i] ?? "")}>
                    {formatDate(d, locale)}
                  </td>
                ))}
                <td data-label={t("jobs.status")}>
                  {canManage ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="toggle" />
                      <input type="hidden" name="id" value={h.id} />
                      <button
                        type="submit"
                        aria-label={t(h.active ? "holiday.switchOff" : "holiday.switchOn", {
                          name: locale === "zh-CN" ? h.nameZh : h.nameEn,
                        })}
                      >
                        {h.active ? t("holiday.active") : t("holiday.inactive")}
                      </button>
                    </Form>
                  ) : h.active ? (
                    t("holiday.active")
                  ) : (
                    t("holiday.inactive")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage ? (
        <details open={!!data?.errors}>
          <summary>{t("holiday.add")}</summary>
          <Form method="post" className="record-form grid">
            {field("code", t("holiday.code"))}
            {field("nameEn", t("holiday.nameEn"))}
            {field("nameZh", t("holiday.nameZh"))}
            <div className="field">
              <label htmlFor="h-calendar">{t("guest.birthdayCalendar")}</label>
              <select id="h-calendar" name="calendar" defaultValue={values.calendar ?? "GREGORIAN"}>
                <option value="GREGORIAN">{t("calendar.GREGORIAN")}</option>
                <option value="LUNAR">{t("calendar.LUNAR")}</option>
              </select>
            </div>
            {field("month", t("specialDate.month"), "number")}
            {field("day", t("specialDate.day"), "number")}
            <div className="actions">
              <button type="submit" className="primary">
                {t("holiday.add")}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
