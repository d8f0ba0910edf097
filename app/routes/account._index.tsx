// One's own account: who I am here, where I am signed in, change my
// password, and sign out everywhere.
import { pageMeta } from "~/ui/page-meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { actorOf, clearSessionCookie, requireStaff } from "~/auth/session.server";
import { listOpenSessions, sessionSettings } from "~/auth/staff-sessions.server";
import { db } from "~/db/client.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { signOutEverywhere } from "~/domain/staff/sign-out.server";
import { badRequest, readForm, formText } from "~/http/read-form.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction = pageMeta("title.account");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, undefined, { context });
  const [sessions, home, property] = await Promise.all([
    listOpenSessions(db(), staff.id),
    clockOf(db(), staff.propertyId),
    staff.propertyId ? db().property.findUnique({ where: { id: staff.propertyId }, select: { name: true, nameZh: true } }) : null,
  ]);
  return json(
    {
      me: { displayName: staff.displayName, username: staff.username, role: staff.role, department: staff.department, property },
      timeZone: home.timeZone,
      limits: { idle: Math.round(sessionSettings().idleMs / 60_000), hours: Math.round(sessionSettings().absoluteMs / 3_600_000) },
      sessions: sessions.map((s) => ({ ...s, current: s.id === staff.sessionId })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, undefined, { context, allowPasswordChange: true });
  const form = await readForm(request);
  if (formText(form, "intent") !== "signOutEverywhere") throw badRequest("error.unknownIntent");
  await signOutEverywhere(db(), actorOf(staff));
  return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

export default function Account() {
  const { me, sessions, timeZone, limits } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  return (
    <section className="stack">
      <h1>{t("account.title")}</h1>
      {params.get("passwordChanged") ? (
        <p className="notice" role="status">
          {t("account.passwordChanged")}
        </p>
      ) : null}
      <dl className="basics card">
        <dt>{t("staff.displayName")}</dt>
        <dd>{me.displayName}</dd>
        <dt>{t("staff.username")}</dt>
        <dd>{me.username}</dd>
        <dt>{t("staff.role")}</dt>
        <dd>{t(`role.${me.role}`)}</dd>
        <dt>{t("staff.department")}</dt>
        <dd>{t(`department.${me.department}`)}</dd>
        <dt>{t("staff.property")}</dt>
        <dd>{me.property ? (locale === "zh-CN" ? me.property.nameZh : me.property.name) : t("staff.allProperties")}</dd>
      </dl>
      <p>
        <Link to="/account/password">{t("account.changePassword")}</Link>
      </p>

      <section className="card" aria-labelledby="sessions-h">
        <h2 id="sessions-h">{t("account.sessions")}</h2>
        <p className="hint">{t("account.sessionsHelp", limits)}</p>
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t("account.signedInAt")}</th>
                <th scope="col">{t("account.lastSeen")}</th>
                <th scope="col">{t("account.address")}</th>
                <th scope="col">{t("account.browser")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td data-label={t("account.signedInAt")}>
                    {formatDateTime(s.createdAt, locale, timeZone)}
                    {s.current ? <strong> · {t("account.thisBrowser")}</strong> : null}
                  </td>
                  <td data-label={t("account.lastSeen")}>{formatDateTime(s.lastSeenAt, locale, timeZone)}</td>
                  <td data-label={t("account.address")}>
                    {s.ipAddress && s.ipAddress !== "unknown" ? s.ipAddress : t("account.addressUnknown")}
                  </td>
                  <td data-label={t("account.browser")} className="muted">
                    {s.userAgent?.slice(0, 80)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Form method="post">
          <input type="hidden" name="intent" value="signOutEverywhere" />
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("account.signOutEverywhere")}
          </button>
        </Form>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
