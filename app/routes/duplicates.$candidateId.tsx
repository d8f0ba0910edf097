import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { notSameFormSchema, NOT_SAME_REASON_MAX } from "~/domain/duplicates/not-same-form";
import { getDuplicatePairAs, markNotSameGuest } from "~/domain/duplicates/review-duplicates.server";
import { ConflictError } from "~/domain/errors";
import { idParam, orNotFound } from "~/http/id-param";
import { readForm } from "~/http/read-form.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDate, formatDateTime } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.duplicate-pair");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "duplicates:review");
  const candidateId = idParam(params, "candidateId");
  return json(await orNotFound(() => getDuplicatePairAs(db(), actorOf(staff, request), candidateId)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "duplicates:review");
  const candidateId = idParam(params, "candidateId");
  const parsed = notSameFormSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ errors: parsed.error.flatten().fieldErrors, decided: false, conflict: false }, { status: 400 });
  try {
    await orNotFound(() => markNotSameGuest(db(), actorOf(staff, request), candidateId, parsed.data.reason ?? null));
    return json({ errors: null, decided: true, conflict: false });
  } catch (error) {
    if (error instanceof ConflictError) return json({ errors: null, decided: false, conflict: true }, { status: 409 });
    throw error;
  }
}

const ROWS = [
  ["fullName", "guest.fullName"],
  ["namePinyin", "duplicates.pinyin"],
  ["birthDate", "guest.birthDate"],
  ["phone", "guest.phone"],
  ["email", "guest.email"],
  ["company", "guest.company"],
  ["address", "guest.address"],
  ["nationality", "guest.nationality"],
  ["idDocumentMasked", "duplicates.idDocument"],
  ["vipLevel", "guest.vipLevel"],
  ["stays", "duplicates.stays"],
] as const;

export default function DuplicatePair() {
  const pair = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const guests = [pair.lowGuest, pair.highGuest];
  const cell = (g: (typeof guests)[number], field: (typeof ROWS)[number][0]) => {
    const value = g[field];
    if (value === null || value === undefined || value === "") return "—";
    return field === "birthDate" ? formatDate(String(value), locale) : String(value);
  };
  return (
    <section>
      <p>
        <Link to="/duplicates">{t("duplicates.back")}</Link>
      </p>
      <h1>{t("duplicates.compareTitle", { a: pair.lowGuest.profileNumber, b: pair.highGuest.profileNumber })}</h1>
      <p>
        {t("duplicates.status." + pair.status)} · {t("duplicates.band." + pair.band)} · {t("duplicates.total")}: {pair.score}
      </p>
      {result?.decided ? (
        <p className="notice" role="status">
          {t("duplicates.markedNotSame")}
        </p>
      ) : null}
      {result?.conflict ? (
        <p className="form-error" role="alert">
          {t("duplicates.alreadyDecided")}
        </p>
      ) : null}
      {pair.decidedAt ? (
        <p className="muted">
          {t("duplicates.decided", { when: formatDateTime(pair.decidedAt, locale, timeZone), who: pair.decidedBy?.displayName ?? "—" })}
          {pair.reason ? ` ${t("duplicates.decidedReason", { reason: pair.reason })}` : null}
        </p>
      ) : null}

      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("duplicates.field")}</th>
              {guests.map((g) => (
                <th scope="col" key={g.id}>
                  <Link to={`/guests/${g.id}`} aria-label={t("duplicates.openProfile", { number: g.profileNumber })}>
                    {g.profileNumber}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map(([field, label]) => (
              <tr key={field}>
                <th scope="row">{t(label)}</th>
                {guests.map((g) => (
                  <td key={g.id}>{cell(g, field)}</td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t("duplicates.created")}</th>
              {guests.map((g) => (
                <td key={g.id}>{formatDateTime(g.createdAt, locale, timeZone)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>

      <h2>{t("duplicates.evidence")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("duplicates.field")}</th>
            <th scope="col">{t("duplicates.evidence")}</th>
            <th scope="col">{t("duplicates.weight")}</th>
          </tr>
        </thead>
        <tbody>
          {pair.evidence.map((e) => (
            <tr key={e.field}>
              <th scope="row">{t(`duplicates.fieldName.${e.field}`)}</th>
              <td>{t(`duplicates.verdict.${e.field}.${e.verdict}`)}</td>
              <td>{e.weight > 0 ? `+${e.weight}` : e.weight}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t("duplicates.total")}</th>
            <td />
            <td>{pair.score}</td>
          </tr>
        </tbody>
      </table>

      {pair.status === "OPEN" && !result?.decided ? (
        <div className="actions">
          {guests.map((survivor, i) => (
            <p key={survivor.id}>
              <Link className="button" to={`/guests/merge?survivor=${survivor.id}&other=${guests[1 - i].id}`}>
                {t("duplicates.merge")}
              </Link>{" "}
              <span className="hint">{t("duplicates.mergeHelp", { number: survivor.profileNumber })}</span>
            </p>
          ))}
          <Form method="post">
            <p className="hint">{t("duplicates.notSameHelp")}</p>
            <label>
              {t("duplicates.reason")}{" "}
              <input
                name="reason"
                maxLength={NOT_SAME_REASON_MAX}
                aria-invalid={result?.errors?.reason ? true : undefined}
                aria-describedby={result?.errors?.reason ? "reason-error" : undefined}
              />
            </label>
            {result?.errors?.reason ? (
              <p className="field-error" id="reason-error">
                {t(result.errors.reason[0])}
              </p>
            ) : null}{" "}
            <button type="submit">{t("duplicates.notSame")}</button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
