import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { db } from "~/db/client.server";
import { CHANGE_PASSWORD_PATH, getStaff, safeRedirect, sessionCookieHeader } from "~/auth/session.server";
import { clientAddress } from "~/http/client-address.server";
import { formText, readForm } from "~/http/read-form.server";
import { signInSchema, USERNAME_MAX_LENGTH } from "~/domain/staff/staff-form";
import { signInStaff } from "~/domain/staff/sign-in.server";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = pageMeta("title.login");

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getStaff(request, { context })) throw redirect("/guests");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const typed = (formText(form, "username") ?? "").trim().slice(0, USERNAME_MAX_LENGTH);
  const parsed = signInSchema.safeParse({
    username: formText(form, "username"),
    password: formText(form, "password"),
    redirectTo: formText(form, "redirectTo"),
  });
  if (!parsed.success) return json({ error: parsed.error.issues[0].message, username: typed, retryAfter: 0 }, { status: 400 });
  const { username, password } = parsed.data;
  const redirectTo = safeRedirect(parsed.data.redirectTo, "/guests");

  const previous = await getStaff(request, { context });
  const result = await signInStaff(db(), {
    username,
    password,
    client: { ipAddress: clientAddress(request, context), userAgent: request.headers.get("User-Agent") },
    previousSessionId: previous?.sessionId,
  });
  if (result.status === "refused")
    return json(
      { error: "login.tooMany", username, retryAfter: result.retryAfter },
      { status: 429, headers: { "Retry-After": String(result.retryAfter) } },
    );
  if (result.status === "invalid") return json({ error: "login.invalid", username, retryAfter: 0 }, { status: 401 });
  const to = result.mustChangePassword
    ? redirectTo === "/guests"
      ? CHANGE_PASSWORD_PATH
      : `${CHANGE_PASSWORD_PATH}?redirectTo=${encodeURIComponent(redirectTo)}`
    : redirectTo;
  return redirect(to, { headers: { "Set-Cookie": await sessionCookieHeader(request, result.token, result.expiresAt) } });
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
          <input
            id="username"
            name="username"
            autoComplete="username"
            required
            maxLength={USERNAME_MAX_LENGTH}
            defaultValue={data?.username ?? ""}
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        {data?.error ? (
          <p className="form-error" role="alert">
            {t(data.error, { seconds: data.retryAfter, minutes: Math.ceil(data.retryAfter / 60) })}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
    </section>
  );
}
