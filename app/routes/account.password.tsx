// Change one's own password (the current one is required). After a one-time
// password every other page leads here until this is done.
import { pageMeta } from "~/ui/page-meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { actorOf, requireStaff, safeRedirect, sessionCookieHeader } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { changeOwnPassword, PasswordRefusedError } from "~/domain/staff/change-own-password.server";
import { changePasswordSchema, PASSWORD_MIN_LENGTH } from "~/domain/staff/staff-form";
import { readForm } from "~/http/read-form.server";
import { useT } from "~/i18n/use-t";
import { FormErrors } from "~/ui/fields";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = pageMeta("title.account-password");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, undefined, { context, allowPasswordChange: true });
  return json({ mustChange: staff.mustChangePassword, username: staff.username }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, undefined, { context, allowPasswordChange: true });
  const submission = parseWithZod(await readForm(request), { schema: changePasswordSchema });
  // Passwords are never sent back to the browser.
  const hideTyped = { hideFields: ["currentPassword", "newPassword", "confirmPassword"] };
  if (submission.status !== "success") return json({ result: submission.reply(hideTyped) }, { status: 400 });
  try {
    const changed = await changeOwnPassword(db(), actorOf(staff), submission.value, {
      ipAddress: staff.address,
      userAgent: request.headers.get("User-Agent"),
    });
    const to = staff.mustChangePassword
      ? safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/guests")
      : "/account?passwordChanged=1";
    return redirect(to, { headers: { "Set-Cookie": await sessionCookieHeader(request, changed.token, changed.expiresAt) } });
  } catch (error) {
    if (error instanceof PasswordRefusedError) {
      const headers = error.retryAfter ? { "Retry-After": String(error.retryAfter) } : undefined;
      return json(
        { result: submission.reply({ ...hideTyped, fieldErrors: { [error.field]: [error.messageKey] } }), retryAfter: error.retryAfter },
        { status: error.retryAfter ? 429 : 400, headers },
      );
    }
    throw error;
  }
}

export default function ChangePassword() {
  const { mustChange, username } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const t = useT();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: data?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  const formAction = params.get("redirectTo") ? `?redirectTo=${encodeURIComponent(params.get("redirectTo")!)}` : undefined;
  const retryAfter = data && "retryAfter" in data ? Number(data.retryAfter) : 0;
  const password = (field: typeof fields.newPassword, label: string, autoComplete: string, hint?: string) => (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input {...getInputProps(field, { type: "password", ariaAttributes: true })} autoComplete={autoComplete} />
      {hint ? <small className="hint">{hint}</small> : null}
      <p className="field-error" id={field.errorId} role={field.errors?.length ? "alert" : undefined} hidden={!field.errors?.length}>
        {field.errors?.map((e) => t(e, { seconds: retryAfter })).join(" ")}
      </p>
    </div>
  );
  return (
    <section className="login card">
      <h1>{t("account.changePassword")}</h1>
      {mustChange ? (
        <p className="warning" role="status">
          {t("account.mustChange")}
        </p>
      ) : null}
      <Form method="post" action={formAction} {...getFormProps(form)} className="stack">
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
        <FormErrors errors={form.errors} />
        {password(fields.currentPassword, mustChange ? t("account.oneTimePassword") : t("account.currentPassword"), "current-password")}
        {password(fields.newPassword, t("account.newPassword"), "new-password", t("password.rules", { min: PASSWORD_MIN_LENGTH }))}
        {password(fields.confirmPassword, t("account.confirmPassword"), "new-password")}
        <div className="actions">
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {t("account.savePassword")}
          </button>
          {mustChange ? null : <Link to="/account">{t("action.cancel")}</Link>}
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
