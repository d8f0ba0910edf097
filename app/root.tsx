import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { CHANGE_PASSWORD_PATH, changePasswordUrl, getStaff } from "~/auth/session.server";
import { isDemoMode } from "~/config/demo-mode.server";
import { can } from "~/auth/permissions";
import { localeOf } from "~/i18n/locale.server";
import { db } from "~/db/client.server";
import { unreadNotificationCount } from "~/domain/notifications/notifications.server";
import { chainHome, clockOf } from "~/domain/properties/chain-clock.server";
import { useT } from "~/i18n/use-t";
import type { Locale } from "~/i18n/i18n";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { useNonce } from "~/ui/nonce";
import { Icon } from "~/ui/icons";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [locale, staff] = await Promise.all([localeOf(request), getStaff(request, { context })]);
  // A one-time password is changed before anything else is shown.
  if (staff?.mustChangePassword && new URL(request.url).pathname !== CHANGE_PASSWORD_PATH) throw redirect(changePasswordUrl(request));
  // Every time on every page is shown in this zone, on the server and in the browser alike.
  const timeZone = staff ? (await clockOf(db(), staff.propertyId)).timeZone : (await chainHome(db())).timeZone;
  const unreadNotifications = staff ? await unreadNotificationCount(db(), staff.id) : 0;
  return json({
    locale,
    timeZone,
    demo: isDemoMode(),
    staff: staff && {
      displayName: staff.displayName,
      role: staff.role,
      unreadNotifications,
      nav: {
        inbox: can(staff.role, "preference:review"),
        // The inbox links to the figures; managers, who have no inbox, get them in the navigation.
        observationRates: can(staff.role, "observations:rates") && !can(staff.role, "preference:review"),
        observe: can(staff.role, "preference:add") && can(staff.role, "guest:search"),
        arrivals: can(staff.role, "arrivals:view"),
        recycleBin: can(staff.role, "recycleBin:manage"),
        duplicates: can(staff.role, "duplicates:review"),
        overdue: can(staff.role, "overdue:view"),
        quality: can(staff.role, "quality:view"),
        audit: can(staff.role, "audit:view"),
        retention: can(staff.role, "retention:preview"),
        jobs: can(staff.role, "jobs:manage"),
        analytics: can(staff.role, "analytics:view"),
        outreach: can(staff.role, "outreach:work") || can(staff.role, "campaigns:manage"),
        staff: can(staff.role, "staff:manage"),
        apiKeys: can(staff.role, "apiKeys:manage"),
        imports: can(staff.role, "import:run"),
      },
    },
  });
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? "en";
  const nonce = useNonce();
  return (
    <html lang={locale === "zh-CN" ? "zh-CN" : "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const { staff, locale } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  return (
    <header className="app-header">
      <a className="brand" href="/guests">
        <Icon name="archive" /> {t("app.name")}
      </a>
      {staff ? (
        <nav aria-label={t("nav.label")}>
          <NavLink to="/guests">{t("nav.search")}</NavLink>
          {staff.nav.arrivals ? <NavLink to="/arrivals">{t("nav.arrivals")}</NavLink> : null}
          {staff.nav.observe ? <NavLink to="/observe">{t("nav.observe")}</NavLink> : null}
          {staff.nav.inbox ? <NavLink to="/inbox">{t("nav.inbox")}</NavLink> : null}
          {staff.nav.observationRates ? <NavLink to="/observation-rates">{t("nav.observationRates")}</NavLink> : null}
          {staff.nav.recycleBin ? <NavLink to="/recycle-bin">{t("nav.recycleBin")}</NavLink> : null}
          {staff.nav.duplicates ? <NavLink to="/duplicates">{t("nav.duplicates")}</NavLink> : null}
          {staff.nav.overdue ? <NavLink to="/overdue">{t("nav.overdue")}</NavLink> : null}
          {staff.nav.quality ? <NavLink to="/quality">{t("nav.quality")}</NavLink> : null}
          {staff.nav.outreach ? <NavLink to="/outreach">{t("nav.outreach")}</NavLink> : null}
          {staff.nav.analytics ? <NavLink to="/analytics">{t("nav.analytics")}</NavLink> : null}
          {staff.nav.audit ? <NavLink to="/audit">{t("nav.audit")}</NavLink> : null}
          {staff.nav.retention ? <NavLink to="/retention">{t("nav.retention")}</NavLink> : null}
          {staff.nav.jobs ? <NavLink to="/jobs">{t("nav.jobs")}</NavLink> : null}
          {staff.nav.staff ? <NavLink to="/staff">{t("nav.staff")}</NavLink> : null}
          {staff.nav.apiKeys ? <NavLink to="/api-keys">{t("nav.apiKeys")}</NavLink> : null}
          {staff.nav.imports ? <NavLink to="/imports">{t("nav.imports")}</NavLink> : null}
        </nav>
      ) : null}
      <div className="header-tools">
        <Form method="post" action="/set-language" className="inline-form">
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <button
            type="submit"
            name="locale"
            value={locale === "zh-CN" ? "en" : "zh-CN"}
            className="link-button"
            lang={locale === "zh-CN" ? "en" : "zh-CN"}
          >
            {locale === "zh-CN" ? "English" : "中文"}
          </button>
        </Form>
        {staff ? (
          <>
            <NavLink
              to="/notifications"
              className="notifications-link"
              aria-label={
                staff.unreadNotifications ? t("nav.notificationsUnread", { count: staff.unreadNotifications }) : t("nav.notifications")
              }
            >
              {t("nav.notifications")}
              {staff.unreadNotifications ? <span className="tag unread-count">{staff.unreadNotifications}</span> : null}
            </NavLink>
            <Link className="who" to="/account" title={t("nav.account")}>
              {staff.displayName} · {t(`role.${staff.role}`)}
            </Link>
            <Form method="post" action="/logout" className="inline-form">
              <button type="submit" className="link-button">
                {t("nav.logout")}
              </button>
            </Form>
          </>
        ) : null}
      </div>
    </header>
  );
}

/** Shown on every page of a demo install: sample data and shared sign-ins, not for real guests. */
function DemoBanner() {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  if (!data?.demo) return null;
  return (
    <aside className="demo-banner" aria-label={t("demo.label")}>
      <strong>{t("demo.label")}</strong> {t("demo.banner")}
    </aside>
  );
}

export default function App() {
  return (
    <>
      <SkipLink />
      <DemoBanner />
      <Header />
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  return (
    <main id="main">
      <DemoBanner />
      <GeneralErrorBoundary />
    </main>
  );
}

function SkipLink() {
  const t = useT();
  return (
    <a className="skip-link" href="#main">
      {t("nav.skip")}
    </a>
  );
}
