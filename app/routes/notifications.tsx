// The notification centre: what the app told this staff member (outcomes of
// their observations; later deadlines and alerts), unread first in the count,
// newest first in the list; marked read one by one or all at once.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { requiredId } from "~/http/id-param";
import { badRequest, readForm } from "~/http/read-form.server";
import { listNotifications, markNotificationsRead } from "~/domain/notifications/notifications.server";
import { isMessageKey } from "~/i18n/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.notifications");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return json({ notifications: await listNotifications(db(), staff.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "markAllRead") return json({ marked: await markNotificationsRead(db(), staff.id, "all") });
  if (intent === "markRead") return json({ marked: await markNotificationsRead(db(), staff.id, [requiredId(form.get("notificationId"))]) });
  throw badRequest();
}

/** The message key of a notification: its kind, and for a review its outcome. */
function messageOf(kind: string, params: Record<string, unknown>) {
  // A rejection from the profile's one-click button carries no reason.
  const outcome = params.outcome === "rejected" && !params.reason ? "rejectedNoReason" : params.outcome;
  const key = typeof outcome === "string" ? `notification.${kind}.${outcome}` : `notification.${kind}`;
  return isMessageKey(key) ? key : null;
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <section className="notifications">
      <h1>{t("notifications.title")}</h1>
      {unread ? (
        <Form method="post">
          <button type="submit" name="intent" value="markAllRead">
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      {notifications.length ? (
        <ol className="notification-list">
          {notifications.map((n) => {
            const params = (n.params ?? {}) as Record<string, string | number>;
            const key = messageOf(n.kind, params);
            return (
              <li key={n.id} className={`card notification ${n.readAt ? "read" : "unread"}`}>
                <span className="tag">{n.readAt ? t("notifications.read") : t("notifications.unread")}</span>{" "}
                <span>{key ? t(key, params) : n.kind}</span>
                <p className="muted">
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, locale, timeZone)}</time>
                  {n.link ? (
                    <>
                      {" · "}
                      <Link to={n.link}>{t("notification.open")}</Link>
                    </>
                  ) : null}
                </p>
                {n.readAt ? null : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="notificationId" value={n.id} />
                    <button type="submit" name="intent" value="markRead" className="link-button">
                      {t("notifications.markRead")}
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted">{t("notifications.none")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
