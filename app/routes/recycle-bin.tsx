import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { pageParam, requiredId } from "~/http/id-param";
import { readForm } from "~/http/read-form.server";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { NotFoundError } from "~/domain/errors";
import { listRecycleBinAs, restoreGuest } from "~/domain/guests/recycle-bin.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { Pager } from "~/ui/pager";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.recycle-bin");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "recycleBin:manage");
  const page = pageParam(new URL(request.url).searchParams.get("page"));
  return json(await listRecycleBinAs(db(), actorOf(staff, request), page));
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "recycleBin:manage");
  const guestId = requiredId((await readForm(request)).get("guestId"));
  try {
    const restored = await restoreGuest(db(), actorOf(staff, request), guestId);
    return json({ restored: { id: restored.id, profileNumber: restored.profileNumber }, error: null });
  } catch (error) {
    if (error instanceof NotFoundError) return json({ restored: null, error: "recycleBin.alreadyRestored" }, { status: 404 });
    throw error;
  }
}

export default function RecycleBin() {
  const { guests, total, page, pageCount } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <section>
      <h1>{t("recycleBin.title")}</h1>
      <p className="hint">{t("recycleBin.help", { total })}</p>
      {result?.restored ? (
        <p className="notice" role="status">
          {t("recycleBin.restored", { number: result.restored.profileNumber })}{" "}
          <Link to={`/guests/${result.restored.id}`}>{t("recycleBin.open")}</Link>
        </p>
      ) : null}
      {result?.error ? (
        <p className="form-error" role="alert">
          {t(result.error)}
        </p>
      ) : null}
      {guests.length ? (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t("guest.profileNumber")}</th>
                <th scope="col">{t("guest.fullName")}</th>
                <th scope="col">{t("recycleBin.deletedAt")}</th>
                <th scope="col">{t("recycleBin.reason")}</th>
                <th scope="col">{t("recycleBin.by")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("recycleBin.restore")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {guests.map((g) => (
                <tr key={g.id}>
                  <td data-label={t("guest.profileNumber")}>{g.profileNumber}</td>
                  <td data-label={t("guest.fullName")}>{g.fullName}</td>
                  <td data-label={t("recycleBin.deletedAt")}>{g.deletedAt ? formatDateTime(g.deletedAt, locale, timeZone) : ""}</td>
                  <td data-label={t("recycleBin.reason")}>{t(`deleteReason.${g.deletedReason ?? "manual"}`)}</td>
                  <td data-label={t("recycleBin.by")}>{g.deletedBy ?? t("recycleBin.system")}</td>
                  <td>
                    {g.mergedInto ? (
                      <Link to={`/guests/${g.mergedInto.id}`}>{t("recycleBin.mergedInto", { number: g.mergedInto.profileNumber })}</Link>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="guestId" value={g.id} />
                        <button type="submit" aria-label={t("recycleBin.restoreGuest", { name: g.fullName })}>
                          {t("recycleBin.restore")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("recycleBin.empty")}</p>
      )}
      <Pager page={page} pageCount={pageCount} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
