// The retention policy and the purge preview: exactly who would go on a given
// date and why, with counts per exemption and an audited export.
import { pageMeta } from "~/ui/page-meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { isRealDate } from "~/domain/forms";
import { pageParam } from "~/http/id-param";
import { readForm } from "~/http/read-form.server";
import { actorOf, requireStaff } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { db } from "~/db/client.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { previewRetentionAs } from "~/domain/retention/evaluate-retention.server";
import { retentionPolicySchema } from "~/domain/retention/retention-policy-form";
import { getRetentionPolicy, updateRetentionPolicy } from "~/domain/retention/retention-policy.server";
import { useLocale, useT } from "~/i18n/use-t";
import { CheckboxField, FormErrors, TextField } from "~/ui/fields";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDate } from "~/ui/format";
import { Pager } from "~/ui/pager";

export const meta: MetaFunction = pageMeta("title.retention");
const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "retention:preview");
  const params = new URL(request.url).searchParams;
  const { today } = await clockOf(db(), staff.propertyId);
  const requested = params.get("asOf");
  const asOf = isRealDate(requested) ? requested : today;
  const show = params.get("show") === "exempt" ? "exempt" : "purge";
  const page = pageParam(params.get("page"));
  const policy = await getRetentionPolicy(db());
  const preview = await previewRetentionAs(db(), actorOf(staff, request), policy, asOf, { page, pageSize: PAGE_SIZE, show });
  return json({
    policy,
    preview,
    show,
    page,
    today,
    canManage: can(staff.role, "retention:manage"),
    canRun: can(staff.role, "jobs:manage"),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "retention:manage");
  const submission = parseWithZod(await readForm(request), { schema: retentionPolicySchema });
  if (submission.status !== "success") return json({ result: submission.reply(), saved: false }, { status: 400 });
  await updateRetentionPolicy(db(), actorOf(staff, request), submission.value);
  return json({ result: submission.reply(), saved: true });
}

export default function Retention() {
  const { policy, preview, show, page, today, canManage, canRun } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const total = show === "purge" ? preview.toPurge : preview.exempt;
  const params = { asOf: preview.asOf, show };
  const [form, fields] = useForm({
    id: "retention-policy",
    lastResult: actionData?.result,
    defaultValue: {
      inactivityDays: String(policy.inactivityDays),
      graceDays: String(policy.graceDays),
      exemptFutureStay: policy.exemptFutureStay ? "on" : undefined,
      exemptOpenComplaint: policy.exemptOpenComplaint ? "on" : undefined,
      exemptLegalHold: policy.exemptLegalHold ? "on" : undefined,
      exemptRecentConsent: policy.exemptRecentConsent ? "on" : undefined,
      exemptVipLevel: policy.exemptVipLevel == null ? "" : String(policy.exemptVipLevel),
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: retentionPolicySchema }),
  });

  return (
    <section>
      <h1>{t("retention.title")}</h1>
      <p className="hint">{t("retention.policySummary", { days: policy.inactivityDays, grace: policy.graceDays })}</p>

      {canManage ? (
        <details open={!!actionData && !actionData.saved}>
          <summary>{t("retention.editPolicy")}</summary>
          <Form method="post" {...getFormProps(form)} className="record-form grid">
            <FormErrors errors={form.errors} />
            <TextField field={fields.inactivityDays} label={t("retention.inactivityDays")} type="number" inputMode="numeric" />
            <TextField field={fields.graceDays} label={t("retention.graceDays")} type="number" inputMode="numeric" />
            <TextField
              field={fields.exemptVipLevel}
              label={t("retention.exemptVipLevel")}
              type="number"
              inputMode="numeric"
              hint={t("retention.exemptVipHint")}
            />
            <CheckboxField field={fields.exemptFutureStay} label={t("exemption.futureStay")} />
            <CheckboxField field={fields.exemptOpenComplaint} label={t("exemption.openComplaint")} />
            <CheckboxField field={fields.exemptLegalHold} label={t("exemption.legalHold")} />
            <CheckboxField field={fields.exemptRecentConsent} label={t("exemption.recentConsent")} />
            <div className="actions">
              <button type="submit" className="primary">
                {t("action.save")}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
      {actionData?.saved ? (
        <p className="notice" role="status">
          {t("retention.saved")}
        </p>
      ) : null}

      <Form method="get" className="toolbar">
        <label htmlFor="asOf">{t("retention.asOf")}</label>
        <input id="asOf" name="asOf" type="date" defaultValue={preview.asOf} />
        <input type="hidden" name="show" value={show} />
        <button type="submit">{t("retention.preview")}</button>
      </Form>

      <div className="card">
        <h2>{t("retention.previewTitle", { date: formatDate(preview.asOf, locale) })}</h2>
        <p>{t("retention.cutoff", { date: formatDate(preview.cutoff, locale) })}</p>
        <ul>
          <li>
            <strong>{t("retention.toPurge", { count: preview.toPurge })}</strong>
          </li>
          <li>
            {t("retention.exempt", { count: preview.exempt })}:{" "}
            {Object.entries(preview.byExemption)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${t(`exemption.${k}`)} ${n}`)
              .join(" · ") || "—"}
          </li>
          <li>{t("retention.dueForAnonymisation", { count: preview.dueForAnonymisation, grace: policy.graceDays })}</li>
        </ul>
        <p className="toolbar">
          <Link to={`?${new URLSearchParams({ asOf: preview.asOf, show: "purge" })}`} aria-current={show === "purge" ? "page" : undefined}>
            {t("retention.showPurge")}
          </Link>
          <Link
            to={`?${new URLSearchParams({ asOf: preview.asOf, show: "exempt" })}`}
            aria-current={show === "exempt" ? "page" : undefined}
          >
            {t("retention.showExempt")}
          </Link>
          <a href={`/retention/export.csv?${new URLSearchParams({ asOf: preview.asOf })}`} download>
            {t("retention.export")}
          </a>
        </p>
        {canRun && preview.asOf > today ? <p className="hint">{t("retention.futureRunHint")}</p> : null}
        {canRun && preview.asOf <= today ? (
          <Form method="post" action="/jobs" className="toolbar">
            <input type="hidden" name="job" value="purge" />
            <input type="hidden" name="asOf" value={preview.asOf} />
            <label className="check">
              <input type="checkbox" name="dryRun" /> {t("jobs.dryRun")}
            </label>
            <button type="submit" className="danger">
              {t("retention.runPurge", { date: preview.asOf })}
            </button>
          </Form>
        ) : null}
      </div>

      {preview.page.length ? (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t("guest.profileNumber")}</th>
                <th scope="col">{t("guest.fullName")}</th>
                <th scope="col">{t("retention.lastStay")}</th>
                <th scope="col">{t("retention.lastActive")}</th>
                <th scope="col">{t("retention.rule")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.page.map((d) => (
                <tr key={d.guestId}>
                  <td data-label={t("guest.profileNumber")}>
                    <Link to={`/guests/${d.guestId}`}>{d.profileNumber}</Link>
                  </td>
                  <td data-label={t("guest.fullName")}>{d.fullName}</td>
                  <td data-label={t("retention.lastStay")}>{d.lastStayDate ? formatDate(d.lastStayDate, locale) : t("retention.never")}</td>
                  <td data-label={t("retention.lastActive")}>{formatDate(d.lastActiveDate, locale)}</td>
                  <td data-label={t("retention.rule")}>
                    {d.exemptions.length
                      ? t("retention.keptBecause", { reasons: d.exemptions.map((e) => t(`exemption.${e}`)).join(", ") })
                      : t("retention.inactiveRule", { days: d.inactiveDays, threshold: policy.inactivityDays })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("retention.nobody")}</p>
      )}
      <Pager page={page} pageCount={Math.max(1, Math.ceil(total / PAGE_SIZE))} params={params} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
