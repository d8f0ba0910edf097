// Merging two profiles of one guest (docs/decisions/017): the two side by
// side with a pick per field (the default by the stated rule), what moves,
// the blockers; then a confirm step; then the survivor with a notice.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { mergeUndoDays } from "~/config/merge-undo";
import { ConflictError, NotFoundError } from "~/domain/errors";
import { CHILD_KINDS, MERGE_FIELDS } from "~/domain/duplicates/merge-fields";
import { planMerge, type MergePicks } from "~/domain/duplicates/merge-plan.server";
import { MergeBlockedError, mergeGuests } from "~/domain/duplicates/merge-guests.server";
import type { MergeBlocker } from "~/domain/duplicates/merge-blockers.server";
import { formatProfileNumber } from "~/domain/guests/save-guest.server";
import { profileNumberKey } from "~/domain/guests/search-keys";
import { textProblem } from "~/domain/safe-text";
import { idOf, requiredId } from "~/http/id-param";
import { badRequest, formText, readForm } from "~/http/read-form.server";
import { useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { pageMeta } from "~/ui/page-meta";

export const meta: MetaFunction = pageMeta("title.guests-merge");

const FIELD_LABEL: Record<(typeof MERGE_FIELDS)[number], string> = {
  fullName: "guest.fullName",
  gender: "guest.gender",
  birthDate: "guest.birthDate",
  ethnicity: "guest.ethnicity",
  nativePlace: "guest.nativePlace",
  nationality: "guest.nationality",
  address: "guest.address",
  phone: "guest.phone",
  email: "guest.email",
  company: "guest.company",
  language: "guest.language",
  idDocument: "guest.idDocumentNumber",
  notes: "guest.notes",
};

const CHANNEL_OF = { consentEmail: "EMAIL", consentSms: "SMS", consentPhone: "PHONE", consentMail: "MAIL" } as const;

/** The picks a query or form names (`pick.phone=other`); anything else is a 400. */
function picksOf(values: URLSearchParams | FormData): MergePicks {
  const picks: MergePicks = {};
  for (const field of MERGE_FIELDS) {
    const value = values.get(`pick.${field}`);
    if (value == null || value === "") continue;
    if (value !== "survivor" && value !== "other") throw badRequest();
    picks[field] = value;
  }
  return picks;
}

/** A typed profile number ("G00000012", "g12", "12") as the guest's id, or null. */
async function guestIdOfNumber(typed: string): Promise<number | null> {
  const key = profileNumberKey(typed.trim());
  if (!/^\d{1,9}$/.test(key)) return null;
  const guest = await db().guest.findUnique({ where: { profileNumber: formatProfileNumber(Number(key)) }, select: { id: true } });
  return guest?.id ?? null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "guest:merge");
  const query = new URL(request.url).searchParams;
  const days = mergeUndoDays();
  // The chooser: two typed profile numbers lead to the comparison.
  const typedSurvivor = query.get("survivorNumber");
  const typedOther = query.get("otherNumber");
  if (typedSurvivor != null || typedOther != null) {
    const typed = [typedSurvivor ?? "", typedOther ?? ""];
    if (typed.some((t) => t.length > 20 || textProblem(t) !== null)) throw badRequest();
    if (typed.some((t) => !t.trim())) return json({ plan: null, confirm: false, days, notFound: null, typed });
    const [s, o] = await Promise.all(typed.map(guestIdOfNumber));
    if (s && o) return redirect(`/guests/merge?survivor=${s}&other=${o}`);
    const missing = !s ? typed[0] : typed[1];
    return json({ plan: null, confirm: false, days, notFound: missing.trim() || "—", typed }, { status: 404 });
  }
  if (!query.has("survivor") && !query.has("other")) return json({ plan: null, confirm: false, days, notFound: null, typed: ["", ""] });
  const survivorId = requiredId(query.get("survivor"));
  const otherId = requiredId(query.get("other"));
  const plan = await planMerge(db(), actorOf(staff, request), { survivorId, otherId, picks: picksOf(query) });
  if (!plan) throw new Response("Not found", { status: 404 });
  return json({ plan, confirm: query.get("step") === "confirm" && !plan.blockers.length, days, notFound: null, typed: ["", ""] });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "guest:merge");
  const form = await readForm(request);
  if (formText(form, "intent") !== "merge") throw badRequest("error.unknownIntent");
  const survivorId = requiredId(form.get("survivorId"));
  const otherId = requiredId(form.get("otherId"));
  const survivorVersion = idOf(form.get("survivorVersion"));
  const otherVersion = idOf(form.get("otherVersion"));
  if (survivorVersion === undefined || otherVersion === undefined) throw badRequest();
  try {
    const result = await mergeGuests(db(), actorOf(staff, request), {
      survivorId,
      otherId,
      picks: picksOf(form),
      expectedVersions: { survivor: survivorVersion, other: otherVersion },
    });
    return redirect(`/guests/${survivorId}?merged=${result.mergeId}`);
  } catch (error) {
    if (error instanceof ConflictError) return json({ error: "merge.stale", blockers: [] as MergeBlocker[] }, { status: 409 });
    if (error instanceof MergeBlockedError) return json({ error: "merge.blocked", blockers: error.blockers }, { status: 409 });
    if (error instanceof NotFoundError) return json({ error: "error.notFound", blockers: [] as MergeBlocker[] }, { status: 404 });
    throw error;
  }
}

export default function MergeGuests() {
  const { plan, confirm, days, notFound, typed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const blockers = result?.blockers?.length ? result.blockers : (plan?.blockers ?? []);
  const showValue = (v: string | null) => v ?? t("merge.empty");
  return (
    <section className="merge">
      <h1>{t("merge.title")}</h1>
      <p className="hint">{t("merge.help", { days })}</p>
      {!plan ? (
        <Form method="get" className="merge-chooser">
          <p>{t("merge.chooseHelp")}</p>
          {notFound ? (
            <p className="form-error" role="alert">
              {t("merge.notFound", { number: notFound })}
            </p>
          ) : null}
          <label>
            {t("merge.survivorNumber")} <input name="survivorNumber" defaultValue={typed[0]} required maxLength={20} />
          </label>
          <label>
            {t("merge.otherNumber")} <input name="otherNumber" defaultValue={typed[1]} required maxLength={20} />
          </label>
          <button type="submit">{t("merge.compare")}</button>
        </Form>
      ) : (
        <>
          {result?.error && result.error !== "merge.blocked" ? (
            <p className="form-error" role="alert">
              {t(result.error)}
            </p>
          ) : null}
          {blockers.length ? (
            <div className="form-error" role="alert">
              <p>{t("merge.blocked")}</p>
              <ul>
                {blockers.map((b) => (
                  <li key={`${b.code}-${b.guestId}`}>{t(b.messageKey, b.detail ?? {})}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {confirm ? <h2>{t("merge.confirmTitle")}</h2> : null}
          {confirm ? (
            <p>{t("merge.confirmHelp", { other: plan.other.profileNumber, survivor: plan.survivor.profileNumber, days })}</p>
          ) : (
            <p className="hint">{t("merge.ruleHelp")}</p>
          )}
          <Form method="get">
            <input type="hidden" name="survivor" value={plan.survivor.id} />
            <input type="hidden" name="other" value={plan.other.id} />
            <input type="hidden" name="step" value="confirm" />
            <div className="table-scroll">
              <table className="stack merge-table">
                <thead>
                  <tr>
                    <th scope="col">{t("merge.field")}</th>
                    <th scope="col">
                      {t("merge.survivor")} <Link to={`/guests/${plan.survivor.id}`}>{plan.survivor.profileNumber}</Link>
                    </th>
                    <th scope="col">
                      {t("merge.other")} <Link to={`/guests/${plan.other.id}`}>{plan.other.profileNumber}</Link>
                    </th>
                    <th scope="col">{t("merge.keep")}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.fields.map((f) => {
                    const label = t(FIELD_LABEL[f.field]);
                    const radio = (side: "survivor" | "other", value: string | null) =>
                      f.pickable && !confirm ? (
                        <label>
                          <input
                            type="radio"
                            name={`pick.${f.field}`}
                            value={side}
                            defaultChecked={f.from === side}
                            disabled={blockers.length > 0}
                            aria-label={t(side === "survivor" ? "merge.keepSurvivor" : "merge.keepOther", { field: label })}
                          />{" "}
                          {showValue(value)}
                        </label>
                      ) : (
                        showValue(value)
                      );
                    return (
                      <tr key={f.field} data-field={f.field}>
                        <th scope="row" data-label={t("merge.field")}>
                          {label}
                        </th>
                        <td data-label={t("merge.survivor")}>{radio("survivor", f.survivorValue)}</td>
                        <td data-label={t("merge.other")}>{radio("other", f.otherValue)}</td>
                        <td data-label={t("merge.keep")}>
                          <span className="merge-value">{showValue(f.value)}</span>{" "}
                          <span className="muted">({t(`merge.rule.${f.rule}`)})</span>
                        </td>
                      </tr>
                    );
                  })}
                  <tr>
                    <th scope="row">{t("guest.vipLevel")}</th>
                    <td>{plan.vipLevel.survivor}</td>
                    <td>{plan.vipLevel.other}</td>
                    <td>
                      {plan.vipLevel.value} <span className="muted">({t("merge.rule.higher")})</span>
                    </td>
                  </tr>
                  {Object.entries(plan.consent).map(([channel, c]) => (
                    <tr key={channel}>
                      <th scope="row">
                        {t("guest.consent")}: {t(`channel.${CHANNEL_OF[channel as keyof typeof CHANNEL_OF]}`)}
                      </th>
                      <td>{t(c.survivor ? "merge.yes" : "merge.no")}</td>
                      <td>{t(c.other ? "merge.yes" : "merge.no")}</td>
                      <td>
                        {t(c.value ? "merge.yes" : "merge.no")} <span className="muted">({t("merge.rule.restrictive")})</span>
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t("guest.markers")}</th>
                    <td>{plan.markers.survivor.join(", ") || t("merge.empty")}</td>
                    <td>{plan.markers.other.join(", ") || t("merge.empty")}</td>
                    <td>{plan.markers.value.join(", ") || t("merge.empty")}</td>
                  </tr>
                </tbody>
              </table>
            </div>
            <p className="hint">{t("merge.consentHelp")}</p>
            <p>{t("merge.allergies", { count: plan.allergiesAndTaboos.survivor + plan.allergiesAndTaboos.other })}</p>
            <h2>{t("merge.moves")}</h2>
            <ul className="merge-counts">
              {CHILD_KINDS.filter((k) => plan.counts[k] > 0).map((k) => (
                <li key={k} data-kind={k}>
                  {t(`merge.count.${k}`, { count: plan.counts[k] })}
                </li>
              ))}
            </ul>
            {!confirm ? (
              <p>
                <button type="submit" disabled={blockers.length > 0}>
                  {t("merge.review")}
                </button>{" "}
                <Link to={`/guests/merge?survivor=${plan.other.id}&other=${plan.survivor.id}`}>{t("merge.swap")}</Link>
              </p>
            ) : null}
          </Form>
          {confirm ? (
            <Form method="post">
              <input type="hidden" name="intent" value="merge" />
              <input type="hidden" name="survivorId" value={plan.survivor.id} />
              <input type="hidden" name="otherId" value={plan.other.id} />
              <input type="hidden" name="survivorVersion" value={plan.survivor.version} />
              <input type="hidden" name="otherVersion" value={plan.other.version} />
              {plan.fields
                .filter((f) => f.pickable && f.from !== "both")
                .map((f) => (
                  <input key={f.field} type="hidden" name={`pick.${f.field}`} value={f.from} />
                ))}
              <button type="submit" className="danger" disabled={blockers.length > 0}>
                {t("merge.confirm", { other: plan.other.profileNumber, survivor: plan.survivor.profileNumber })}
              </button>{" "}
              <Link to={`/guests/merge?survivor=${plan.survivor.id}&other=${plan.other.id}`}>{t("merge.back")}</Link>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
