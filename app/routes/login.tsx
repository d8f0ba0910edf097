import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { db } from "~/db/client.server";
import { verifyPassword } from "~/auth/password.server";
import { loginDelaySeconds, recordLoginAttempt } from "~/auth/login-throttle.server";
import { clientIp, createStaffSession, getStaff, safeRedirect } from "~/auth/session.server";
import { recordAudit } from "~/domain/audit/record-audit.server";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = () => [{ title: "Guest Archive · Sign in / 登录" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaff(request)) throw redirect("/guests");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const username = String(form.get("username") ?? "")
    .trim()
    .toLowerCase();
  const password = String(form.get("password") ?? "");
  const redirectTo = safeRedirect(form.get("redirectTo"), "/guests");
  const ip = clientIp(request);
  if (!username || !password) return json({ error: "login.missing", username, retryAfter: 0 }, { status: 400 });

  const wait = await loginDelaySeconds(db(), username, ip);
  if (wait > 0)
    return json({ error: "login.tooMany", username, retryAfter: wait }, { status: 429, headers: { "Retry-After": String(wait) } });

  const staff = await db().staff.findUnique({ where: { username } });
  const ok = !!staff && staff.active && (await verifyPassword(password, staff.passwordHash));
  await recordLoginAttempt(db(), username, ip, ok);
  if (!ok || !staff) {
    await recordAudit(db(), { staffId: null, role: "SYSTEM", ip }, { action: "LOGIN_FAILED", entity: "Staff", changes: { username } });
    return json({ error: "login.invalid", username, retryAfter: 0 }, { status: 401 });
  }
  await recordAudit(db(), { staffId: staff.id, role: staff.role, ip }, { action: "LOGIN", entity: "Staff", entityId: staff.id });
  return createStaffSession(request, staff.id, redirectTo);
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  return (
    <section className="login card">
      <h1>{t("login.title")}</h1>
      <Form method="post" className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/guests"} />
        <div className="field">
          <label htmlFor="username">{t("login.username")}</label>
          <input id="username" name="username" autoComplete="username" required defaultValue={data?.username ?? ""} autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        {data?.error ? (
          <p className="form-error" role="alert">
            {t(data.error, { seconds: data.retryAfter })}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
    </section>
  );
}
