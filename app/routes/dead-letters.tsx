// Feed messages that could not be applied (admins): the list with each error,
// and reprocessing once the cause is fixed. docs/decisions/019.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { listDeadLetters, reprocessDeadLetter } from "~/domain/feed/dead-letters.server";
import { NotFoundError } from "~/domain/errors";
import { reapplyDeadLetter } from "~/domain/feed/reapply.server";
import { idOf, pageParam } from "~/http/id-param";
import { badRequest, readForm } from "~/http/read-form.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.dead-letters");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "apiKeys:manage");
  const page = pageParam(new URL(request.url).searchParams.get("page"));
  return json(await listDeadLetters(db(), { page }), { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "apiKeys:manage");
  const form = await readForm(request);
  if (form.get("intent") !== "reprocess") throw badRequest("error.unknownIntent");
  const id = idOf(form.get("deadLetterId"));
  if (!id) throw badRequest();
  const actor = actorOf(staff, request);
  const result = await reprocessDeadLetter(db(), actor, id, (kind, payload) => reapplyDeadLetter(db(), actor, kind, payload)).catch(
    (error: unknown) => {
      if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
      throw error;
    },
  );
  return json({ id, ...result });
}

export default function DeadLetters() {
  const { letters } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <section>
      <h1>{t("deadLetters.title")}</h1>
      <p className="hint">{t("deadLetters.intro")}</p>
      <p>
        <Link to="/api-keys">{t("deadLetters.backToKeys")}</Link>
      </p>
      {answer ? (
        <p role="status" className={answer.resolved ? undefined : "form-error"}>
          #{answer.id}:{" "}
          {answer.resolved
            ? t("deadLetters.resolved", { outcome: answer.outcome })
            : t("deadLetters.stillFailing", { error: answer.error })}
        </p>
      ) : null}
      {letters.length === 0 ? (
        <p>{t("deadLetters.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("deadLetters.received")}</th>
                <th scope="col">{t("deadLetters.kind")}</th>
                <th scope="col">{t("deadLetters.error")}</th>
                <th scope="col">{t("deadLetters.attempts")}</th>
                <th scope="col">{t("deadLetters.payload")}</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {letters.map((l) => (
                <tr key={l.id}>
                  <td>{l.id}</td>
                  <td data-label={t("deadLetters.received")}>{formatDateTime(l.createdAt, locale, timeZone)}</td>
                  <td data-label={t("deadLetters.kind")}>{l.kind}</td>
                  <td data-label={t("deadLetters.error")}>
                    <code>{l.errorCode}</code> {l.error}
                  </td>
                  <td data-label={t("deadLetters.attempts")}>{l.attempts}</td>
                  <td data-label={t("deadLetters.payload")} className="changes">
                    <code>{l.payload.slice(0, 400)}</code>
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="reprocess" />
                      <input type="hidden" name="deadLetterId" value={l.id} />
                      <button type="submit">{t("deadLetters.reprocess")}</button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
