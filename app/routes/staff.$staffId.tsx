// One staff account: change role, department and home property; deactivate
// or reactivate; reset the password to a one-time password (shown once).
import { pageMeta } from "~/ui/page-meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { db } from "~/db/client.server";
import { DomainError, NotFoundError } from "~/domain/errors";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { listProperties } from "~/domain/properties/properties.server";
import { getStaffMember } from "~/domain/staff/list-staff.server";
import { resetStaffPassword } from "~/domain/staff/reset-staff-password.server";
import { deactivateStaff, reactivateStaff } from "~/domain/staff/set-staff-active.server";
import { staffAccountActionSchema } from "~/domain/staff/staff-form";
import { updateStaff } from "~/domain/staff/update-staff.server";
import { idParam } from "~/http/id-param";
import { readForm } from "~/http/read-form.server";
import { useLocale, useT } from "~/i18n/use-t";
import { FormErrors } from "~/ui/fields";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { OneTimePasswordNotice, StaffPlacementFields } from "./__staff-fields";

export const meta: MetaFunction = pageMeta("title.staff-account");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, "staff:manage", { context });
  const staffId = idParam(params, "staffId");
  try {
    const [member, properties, home] = await Promise.all([
      getStaffMember(db(), staffId),
      listProperties(db()),
      clockOf(db(), admin.propertyId),
    ]);
    return json(
      {
        member,
        properties,
        isMe: member.id === admin.id,
        canAudit: can(admin.role, "audit:view"),
        timeZone: home.timeZone,
      },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

type Outcome = "saved" | "unchanged" | "deactivated" | "reactivated" | "reset";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireStaff(request, "staff:manage", { context });
  const staffId = idParam(params, "staffId");
  const submission = parseWithZod(await readForm(request), { schema: staffAccountActionSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), outcome: null, reset: null }, { status: 400 });
  const actor = actorOf(admin);
  const value = submission.value;
  try {
    let outcome: Outcome;
    let reset: { username: string; oneTimePassword: string } | null = null;
    if (value.intent === "update") {
      outcome = (await updateStaff(db(), actor, staffId, value)).changed ? "saved" : "unchanged";
    } else if (value.intent === "deactivate") {
      await deactivateStaff(db(), actor, staffId);
      outcome = "deactivated";
    } else if (value.intent === "reactivate") {
      await reactivateStaff(db(), actor, staffId);
      outcome = "reactivated";
    } else {
      const { oneTimePassword } = await resetStaffPassword(db(), actor, staffId);
      const { username } = await db().staff.findUniqueOrThrow({ where: { id: staffId }, select: { username: true } });
      reset = { username, oneTimePassword };
      outcome = "reset";
    }
    return json({ result: submission.reply(), outcome, reset }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
    if (error instanceof DomainError)
      return json({ result: submission.reply({ formErrors: [error.messageKey] }), outcome: null, reset: null }, { status: 409 });
    throw error;
  }
}

export default function StaffAccount() {
  const { member, properties, isMe, canAudit, timeZone } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "staff-account",
    lastResult: data?.result,
    defaultValue: {
      intent: "update",
      role: member.role,
      department: member.department,
      email: member.email ?? "",
      propertyId: member.propertyId ? String(member.propertyId) : "",
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: staffAccountActionSchema }),
  });
  const busy = navigation.state === "submitting";
  return (
    <section className="stack">
      <p>
        <Link to="/staff">{t("staff.backToList")}</Link>
      </p>
      <h1>
        {member.displayName} <span className="muted">({member.username})</span>
      </h1>
      {data?.outcome ? (
        <p className="notice" role="status">
          {t(`staff.outcome.${data.outcome}`)}
        </p>
      ) : null}
      {data?.reset ? <OneTimePasswordNotice username={data.reset.username} oneTimePassword={data.reset.oneTimePassword} /> : null}
      <FormErrors errors={form.errors} />

      <dl className="basics card">
        <dt>{t("staff.status")}</dt>
        <dd className={member.active ? undefined : "status-inactive"}>
          {t(member.active ? "staff.active" : "staff.inactive")}
          {member.active && member.mustChangePassword ? ` · ${t("staff.mustChange")}` : ""}
        </dd>
        <dt>{t("staff.lastSignIn")}</dt>
        <dd>{member.lastSignInAt ? formatDateTime(member.lastSignInAt, locale, timeZone) : t("staff.never")}</dd>
        <dt>{t("staff.openSessions")}</dt>
        <dd>{member.openSessions}</dd>
        <dt>{t("staff.createdAt")}</dt>
        <dd>{formatDateTime(member.createdAt, locale, timeZone)}</dd>
      </dl>
      {canAudit ? (
        <p>
          <Link to={`/audit?staff=${member.id}`}>{t("staff.auditLink")}</Link>
        </p>
      ) : null}

      <Form method="post" {...getFormProps(form)} className="record-form grid" aria-label={t("staff.placement")}>
        <input type="hidden" name="intent" value="update" />
        <StaffPlacementFields fields={fields} properties={properties} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t("action.save")}
          </button>
        </div>
      </Form>

      {isMe ? (
        <p className="hint">{t("staff.yourOwnAccount")}</p>
      ) : (
        <div className="card stack">
          <Form method="post">
            <input type="hidden" name="intent" value="resetPassword" />
            <button type="submit" disabled={busy}>
              {t("staff.resetPassword")}
            </button>
            <small className="hint"> {t("staff.resetPasswordHelp")}</small>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value={member.active ? "deactivate" : "reactivate"} />
            <button type="submit" disabled={busy}>
              {t(member.active ? "staff.deactivate" : "staff.reactivate")}
            </button>
            <small className="hint"> {t(member.active ? "staff.deactivateHelp" : "staff.reactivateHelp")}</small>
          </Form>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
