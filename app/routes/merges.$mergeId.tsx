// A merge's record: who merged which profiles when, the field diff, what
// moved; and the Undo button while the merge can be undone (docs/decisions/017).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { NotFoundError } from "~/domain/errors";
import { getMergeRecord } from "~/domain/duplicates/merge-record.server";
import { undoMerge, UndoRefusedError } from "~/domain/duplicates/undo-merge.server";
import { idParam } from "~/http/id-param";
import { badRequest, formText, readForm } from "~/http/read-form.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.merge");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "guest:merge");
  const mergeId = idParam(params, "mergeId");
  try {
    return json(await getMergeRecord(db(), actorOf(staff, request), mergeId));
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "guest:merge");
  const mergeId = idParam(params, "mergeId");
  const form = await readForm(request);
  if (formText(form, "intent") !== "undo") throw badRequest("error.unknownIntent");
  try {
    const result = await undoMerge(db(), actorOf(staff, request), mergeId);
    return json({ undone: true, kept: result.kept, error: null as null | { messageKey: string; detail: Record<string, string> } });
  } catch (error) {
    if (error instanceof UndoRefusedError)
      return json({ undone: false, kept: null, error: { messageKey: error.messageKey, detail: error.detail } }, { status: 409 });
    if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

export default function MergeRecord() {
  const m = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const kept = result?.kept ?? m.undoKept;
  const keptAdded = kept ? Object.entries(kept.added).map(([kind, count]) => t(`merge.count.${kind}`, { count })) : [];
  return (
    <section className="merge-record">
      <h1>{t("merges.title", { id: m.id })}</h1>
      <p>
        {t("merges.summary", { other: m.other.profileNumber, survivor: m.survivor.profileNumber })} ·{" "}
        <Link to={`/guests/${m.survivor.id}`}>{t("merges.openSurvivor", { number: m.survivor.profileNumber })}</Link>
        {m.undoneAt ? (
          <>
            {" "}
            · <Link to={`/guests/${m.other.id}`}>{t("merges.openSurvivor", { number: m.other.profileNumber })}</Link>
          </>
        ) : null}
      </p>
      <dl className="merge-facts">
        <dt>{t("merges.at")}</dt>
        <dd>{formatDateTime(m.mergedAt, locale, timeZone)}</dd>
        <dt>{t("merges.by")}</dt>
        <dd>{m.mergedBy ?? t("merges.system")}</dd>
      </dl>
      <h2>{t("merges.fields")}</h2>
      {m.fields.length ? (
        <table className="stack">
          <thead>
            <tr>
              <th scope="col">{t("merge.field")}</th>
              <th scope="col">{t("merges.before")}</th>
              <th scope="col">{t("merges.after")}</th>
            </tr>
          </thead>
          <tbody>
            {m.fields.map((f) => (
              <tr key={f.field}>
                <th scope="row">{t(`merge.fieldName.${f.field}`)}</th>
                <td>{f.survivorValue ?? t("merge.empty")}</td>
                <td>
                  {f.value ?? t("merge.empty")} <span className="muted">({t(`merge.rule.${f.rule}`)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("merges.noFieldChanges")}</p>
      )}
      <h2>{t("merge.moves")}</h2>
      <ul className="merge-counts">
        {Object.entries(m.moved)
          .filter(([, n]) => n > 0)
          .map(([kind, n]) => (
            <li key={kind}>{t(`merge.count.${kind}`, { count: n })}</li>
          ))}
      </ul>
      {result?.undone || m.undoneAt ? (
        <div className="notice" role="status">
          <p>{t("merges.undone")}</p>
          {m.undoneAt ? (
            <p>{t("merges.undoneAt", { date: formatDateTime(m.undoneAt, locale, timeZone), name: m.undoneBy ?? t("merges.system") })}</p>
          ) : null}
          {kept?.fields.length ? <p>{t("merges.kept", { fields: kept.fields.map((f) => t(`merge.fieldName.${f}`)).join(", ") })}</p> : null}
          {keptAdded.length ? <p>{t("merges.keptAdded", { items: keptAdded.join(", ") })}</p> : null}
        </div>
      ) : (
        <>
          {result?.error ? (
            <p className="form-error" role="alert">
              {t(result.error.messageKey, result.error.detail)}
            </p>
          ) : null}
          {m.refusal ? (
            <p className="form-error" role="alert">
              {t(m.refusal.messageKey, m.refusal.detail)}
            </p>
          ) : (
            <Form method="post">
              <p className="hint">{t("merges.undoHelp")}</p>
              <p className="hint">{t("merges.undoUntil", { date: formatDateTime(m.undoUntil, locale, timeZone) })}</p>
              <input type="hidden" name="intent" value="undo" />
              <button type="submit">{t("merges.undo")}</button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
