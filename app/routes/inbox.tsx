// The archivist's inbox: every observation departments sent in that still
// waits, across guests, filtered by department, property, kind and age; each
// accepted, edited then accepted, or rejected with a reason — one by one or a
// checked selection at once. The sender is told the outcome.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { db } from "~/db/client.server";
import { idOf, orNotFound } from "~/http/id-param";
import { readForm } from "~/http/read-form.server";
import { DEPARTMENTS, isDepartment } from "~/domain/staff/departments";
import { OBSERVATION_KINDS, type ObservationKind } from "~/domain/preferences/observation-kinds";
import { PREFERENCE_CATEGORIES } from "~/domain/preferences/preference-form-categories";
import { reviewFormKey, reviewFormSchema } from "~/domain/preferences/review-form";
import { decisionsOf, reviewObservations } from "~/domain/preferences/review-observations.server";
import { listPendingObservations, type InboxFilters } from "~/domain/preferences/observation-inbox.server";
import { listProperties } from "~/domain/properties/properties.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, SelectField, TextField } from "~/ui/fields";
import { formatDate, formatDateTime } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.inbox");

function filtersOf(params: URLSearchParams): InboxFilters {
  const department = params.get("department");
  const kind = params.get("kind");
  const minAge = Number(params.get("minAge"));
  return {
    ...(isDepartment(department) ? { department } : {}),
    ...(idOf(params.get("property")) ? { propertyId: idOf(params.get("property")) } : {}),
    ...((OBSERVATION_KINDS as readonly string[]).includes(kind ?? "") ? { kind: kind as ObservationKind } : {}),
    ...(Number.isInteger(minAge) && minAge > 0 && minAge <= 3650 ? { minAgeDays: minAge } : {}),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "preference:review");
  const filters = filtersOf(new URL(request.url).searchParams);
  const { found, observations } = await listPendingObservations(db(), actorOf(staff, request), filters);
  return json({
    filters,
    found,
    observations,
    properties: await listProperties(db()),
    canSeeRates: can(staff.role, "observations:rates"),
  });
}

export const action = (args: ActionFunctionArgs) => orNotFound(() => act(args));

async function act({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "preference:review");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const formKey = reviewFormKey(intent, form.get("preferenceId"));
  const submission = parseWithZod(form, { schema: reviewFormSchema });
  if (submission.status !== "success") return json({ formKey, result: submission.reply(), done: null }, { status: 400 });
  const outcomes = await reviewObservations(db(), actorOf(staff, request), decisionsOf(submission.value), { skipDecided: true });
  const skipped = outcomes.filter((o) => o.outcome === "skipped").length;
  return json({
    formKey,
    result: submission.reply({ resetForm: true }),
    done: { count: outcomes.length - skipped, skipped },
  });
}

type ActionData = { formKey: string; result: SubmissionResult<string[]>; done: { count: number; skipped: number } | null } | undefined;
type Observation = ReturnType<typeof useLoaderData<typeof loader>>["observations"][number];

export default function Inbox() {
  const { filters, found, observations, properties, canSeeRates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  const t = useT();
  const locale = useLocale();
  const [bulkForm, bulkFields] = useForm({
    id: "form-bulk",
    lastResult: actionData?.formKey === "bulk" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewFormSchema }),
    shouldValidate: "onSubmit",
  });
  const propertyName = (id: number | null) => {
    const p = properties.find((x) => x.id === id);
    return p ? (locale === "zh-CN" ? p.nameZh : p.name) : null;
  };
  return (
    <section className="inbox">
      <h1>{t("inbox.title")}</h1>
      <p className="hint">{t("inbox.intro")}</p>
      {canSeeRates ? (
        <p>
          <Link to="/observation-rates">{t("inbox.rates")}</Link>
        </p>
      ) : null}
      <Form method="get" className="filters">
        <label>
          {t("inbox.filter.department")}{" "}
          <select name="department" defaultValue={filters.department ?? ""}>
            <option value="">{t("inbox.filter.all")}</option>
            {DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {t(`department.${d}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("inbox.filter.property")}{" "}
          <select name="property" defaultValue={filters.propertyId ?? ""}>
            <option value="">{t("inbox.filter.all")}</option>
            {properties.map((p) => (
              <option key={p.id} value={p.id}>
                {locale === "zh-CN" ? p.nameZh : p.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("inbox.filter.kind")}{" "}
          <select name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">{t("inbox.filter.all")}</option>
            {OBSERVATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`observationKind.${k}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("inbox.filter.minAge")}{" "}
          <input name="minAge" type="number" min={0} max={3650} inputMode="numeric" defaultValue={filters.minAgeDays ?? ""} />
        </label>{" "}
        <button type="submit">{t("inbox.filter.apply")}</button>
      </Form>
      <p role="status">
        {t("inbox.count", { count: found })}
        {actionData?.done ? ` ${t("inbox.done", { count: actionData.done.count, skipped: actionData.done.skipped })}` : ""}
      </p>
      {observations.length ? (
        <>
          <Form method="post" {...getFormProps(bulkForm)} className="bulk-review toolbar" aria-label={t("inbox.bulkAccept")}>
            <FormErrors errors={bulkFields.preferenceId.errors ?? bulkForm.errors} />
            <label className="check">
              <input
                type="checkbox"
                onChange={(e) => {
                  document.querySelectorAll<HTMLInputElement>('input[form="form-bulk"][name="preferenceId"]').forEach((box) => {
                    box.checked = e.currentTarget.checked;
                  });
                }}
              />{" "}
              {t("inbox.selectAll")}
            </label>
            <button type="submit" name="intent" value="bulkAccept" className="primary">
              {t("inbox.bulkAccept")}
            </button>
            <TextField field={bulkFields.reason} label={t("inbox.bulkReason")} />
            <button type="submit" name="intent" value="bulkReject">
              {t("inbox.bulkReject")}
            </button>
          </Form>
          <ol className="inbox-list">
            {observations.map((o) => (
              <InboxItem key={o.id} observation={o} actionData={actionData} propertyName={propertyName(o.propertyId)} />
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

function InboxItem({
  observation: o,
  actionData,
  propertyName,
}: {
  observation: Observation;
  actionData: ActionData;
  propertyName: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const useReviewForm = (intent: "acceptEdited" | "reject", defaultValue?: Record<string, string>) => {
    const formKey = reviewFormKey(intent, o.id);
    return useForm({
      id: `form-${formKey}`,
      lastResult: actionData?.formKey === formKey ? actionData.result : undefined,
      defaultValue,
      onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewFormSchema }),
      shouldValidate: "onSubmit",
    });
  };
  const [editForm, editFields] = useReviewForm("acceptEdited", { category: o.category, value: o.value });
  const [rejectForm, rejectFields] = useReviewForm("reject");
  const label = `${o.guest.fullName}: ${o.value}`;
  return (
    <li className="card inbox-item">
      <label className="check">
        <input type="checkbox" name="preferenceId" value={o.id} form="form-bulk" aria-label={`${t("inbox.select")} · ${label}`} />
      </label>
      <div className="inbox-body">
        <p>
          <Link to={`/guests/${o.guest.id}`}>{o.guest.fullName}</Link> <span className="muted">{o.guest.profileNumber}</span>
        </p>
        <p>
          <strong>{o.observedKind ? t(`observationKind.${o.observedKind}`) : t(`category.${o.category}`)}</strong>
          {o.observedKind === "PREFERENCE" || o.observedKind === "HABIT" ? ` · ${t(`category.${o.category}`)}` : ""}: {o.value}
          {o.occasionMonth && o.occasionDay ? ` (${o.occasionMonth}/${o.occasionDay})` : ""}
        </p>
        <p className="muted">
          {o.department ? t(`department.${o.department}`) : null}
          {o.sender ? ` · ${o.sender}` : ""}
          {propertyName ? ` · ${propertyName}` : ""}
          {o.stay
            ? ` · ${formatDate(o.stay.arrivalDate, locale)}${o.stay.roomNumber ? ` ${t("observe.room", { room: o.stay.roomNumber })}` : ""}`
            : ""}
          {" · "}
          <time dateTime={o.createdAt} title={formatDateTime(o.createdAt, locale, timeZone)}>
            {t("inbox.ageDays", { count: o.ageDays })}
          </time>
        </p>
        <div className="inbox-actions">
          <Form method="post" className="inline-form" aria-label={`${t("inbox.accept")} · ${label}`}>
            <input type="hidden" name="preferenceId" value={o.id} />
            <button type="submit" name="intent" value="accept" className="primary" disabled={busy}>
              {t("inbox.accept")}
            </button>
          </Form>
          <details open={editForm.status === "error" || undefined}>
            <summary>{t("inbox.edit")}</summary>
            <Form method="post" {...getFormProps(editForm)} className="record-form grid" aria-label={`${t("inbox.edit")} · ${label}`}>
              <input type="hidden" name="intent" value="acceptEdited" />
              <input type="hidden" name="preferenceId" value={o.id} />
              <FormErrors errors={editForm.errors} />
              <SelectField
                field={editFields.category}
                label={t("preference.category")}
                options={PREFERENCE_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
              />
              <TextField field={editFields.value} label={t("observation.text")} />
              <div className="actions">
                <button type="submit" className="primary" disabled={busy}>
                  {t("inbox.acceptEdited")}
                </button>
              </div>
            </Form>
          </details>
          <details open={rejectForm.status === "error" || undefined}>
            <summary>{t("inbox.reject")}</summary>
            <Form method="post" {...getFormProps(rejectForm)} className="record-form grid" aria-label={`${t("inbox.reject")} · ${label}`}>
              <input type="hidden" name="intent" value="reject" />
              <input type="hidden" name="preferenceId" value={o.id} />
              <FormErrors errors={rejectForm.errors} />
              <TextField field={rejectFields.reason} label={t("inbox.reason")} />
              <div className="actions">
                <button type="submit" disabled={busy}>
                  {t("inbox.reject")}
                </button>
              </div>
            </Form>
          </details>
        </div>
      </div>
    </li>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
