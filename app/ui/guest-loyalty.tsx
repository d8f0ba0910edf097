// The profile's loyalty card: the guest's scores with their one-line
// explanation, latest surveys, and — for roles that reward guests — the
// referrals and the points ledger with forms to add to them.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useFetcher } from "@remix-run/react";
import { DEFAULT_REFERRAL_POINTS, pointsFormSchema, referralFormSchema } from "~/domain/loyalty/loyalty-forms";
import { explainScore } from "~/domain/analytics/explain-score";
import { useLocale, useT } from "~/i18n/use-t";
import { SEGMENT_COLORS, formatCount } from "~/ui/charts/chart-kit";
import { FormErrors, TextAreaField, TextField } from "~/ui/fields";
import { formatDate, formatDateTime } from "~/ui/format";
import { useTimeZone } from "~/ui/use-time-zone";

export type GuestLoyaltyView = {
  score: {
    asOf: string;
    recencyDays: number | null;
    frequency: number;
    /** Withheld (null) from roles that do not see spend. */
    monetary: number | null;
    r: number;
    f: number;
    m: number;
    valueTier: string;
    satisfaction: number | null;
    npsCategory: string | null;
    credit: number | null;
    lifecycle: string;
    segment: string;
    promoter: boolean;
  } | null;
  surveys: { id: number; score: number; comment: string | null; answeredAt: string }[];
  referrals: { id: number; referredName: string; referredGuestId: number | null; note: string | null; createdAt: string }[];
  referralCount: number;
  entries: { id: number; points: number; reason: string; createdAt: string; referralId: number | null }[];
  balance: number;
};

type LoyaltyActionData = { intent: "referral" | "points"; saved?: boolean; result: SubmissionResult<string[]> } | undefined;

export function GuestLoyalty({
  guestId,
  loyalty,
  canReward,
  showSpend,
  currency,
  windowMonths,
}: {
  guestId: number;
  loyalty: GuestLoyaltyView;
  canReward: boolean;
  showSpend: boolean;
  currency: string;
  windowMonths: number;
}) {
  const t = useT();
  const locale = useLocale();
  const { score } = loyalty;
  return (
    <section aria-labelledby="loyalty-h" className="card loyalty">
      <h2 id="loyalty-h">{t("loyalty.title")}</h2>
      {score ? (
        <>
          <p className="score-line">
            <span className="segment-badge" style={{ background: SEGMENT_COLORS[score.segment] }}>
              {t(`segment.${score.segment}`)}
            </span>
            <span className="tag">{t(`tier.${score.valueTier}`)}</span>
            <span className="tag">{t(`lifecycle.${score.lifecycle}`)}</span>
            {score.promoter ? <span className="tag promoter">{t("analytics.promoter")}</span> : null}
          </p>
          <p className="explanation">{explainScore(score, { locale, currency, windowMonths, showMoney: showSpend })}</p>
          <dl className="basics">
            <dt>{t("loyalty.satisfaction")}</dt>
            <dd>{score.satisfaction ?? t("loyalty.unknown")}</dd>
            <dt>{t("loyalty.nps")}</dt>
            <dd>{score.npsCategory ? t(`nps.${score.npsCategory}`) : t("nps.NONE")}</dd>
            <dt>{t("loyalty.credit")}</dt>
            <dd>{score.credit ?? t("loyalty.unknown")}</dd>
          </dl>
          <p className="hint">{t("loyalty.asOf", { date: formatDate(score.asOf, locale) })}</p>
        </>
      ) : (
        <p className="muted">{t("loyalty.notScored")}</p>
      )}

      {loyalty.surveys.length ? (
        <>
          <h3>{t("loyalty.surveys")}</h3>
          <ul className="survey-list">
            {loyalty.surveys.map((s) => (
              <li key={s.id}>
                <strong>{s.score}/10</strong> <span className="muted">{formatDate(s.answeredAt.slice(0, 10), locale)}</span>
                {s.comment ? ` — ${s.comment}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {canReward ? <RewardLedger guestId={guestId} loyalty={loyalty} /> : null}
    </section>
  );
}

function RewardLedger({ guestId, loyalty }: { guestId: number; loyalty: GuestLoyaltyView }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const fetcher = useFetcher<LoyaltyActionData>();
  const last = fetcher.data;
  const [referralForm, referralFields] = useForm({
    id: `referral-${guestId}`,
    lastResult: last?.intent === "referral" ? last.result : undefined,
    defaultValue: { points: String(DEFAULT_REFERRAL_POINTS) },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: referralFormSchema }),
  });
  const [pointsForm, pointsFields] = useForm({
    id: `points-${guestId}`,
    lastResult: last?.intent === "points" ? last.result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: pointsFormSchema }),
  });
  const busy = fetcher.state !== "idle";
  return (
    <div className="ledger">
      <h3>{t("loyalty.points")}</h3>
      <p>
        <strong className="balance">{t("loyalty.balance", { points: formatCount(loyalty.balance, locale) })}</strong>
      </p>
      {loyalty.entries.length ? (
        <table className="stack">
          <thead>
            <tr>
              <th scope="col">{t("loyalty.when")}</th>
              <th scope="col">{t("loyalty.reason")}</th>
              <th scope="col" className="num">
                {t("loyalty.pointsColumn")}
              </th>
            </tr>
          </thead>
          <tbody>
            {loyalty.entries.map((e) => (
              <tr key={e.id}>
                <td data-label={t("loyalty.when")}>{formatDateTime(e.createdAt, locale, timeZone)}</td>
                <td data-label={t("loyalty.reason")}>{e.reason === "referral" ? t("loyalty.referralReason") : e.reason}</td>
                <td data-label={t("loyalty.pointsColumn")} className="num">
                  {e.points > 0 ? `+${formatCount(e.points, locale)}` : formatCount(e.points, locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("loyalty.noPoints")}</p>
      )}

      <h3>{t("loyalty.referrals", { count: formatCount(loyalty.referralCount, locale) })}</h3>
      {loyalty.referrals.length ? (
        <ul>
          {loyalty.referrals.map((r) => (
            <li key={r.id}>
              {r.referredGuestId ? <a href={`/guests/${r.referredGuestId}`}>{r.referredName}</a> : r.referredName}
              <span className="muted"> · {formatDate(r.createdAt.slice(0, 10), locale)}</span>
              {r.note ? ` — ${r.note}` : ""}
            </li>
          ))}
        </ul>
      ) : null}

      <details open={last?.intent === "referral" && !last.saved ? true : undefined}>
        <summary>{t("loyalty.addReferral")}</summary>
        <fetcher.Form
          method="post"
          action={`/analytics/loyalty/${guestId}`}
          {...getFormProps(referralForm)}
          className="record-form grid"
          aria-label={t("loyalty.addReferral")}
        >
          <input type="hidden" name="intent" value="referral" />
          <FormErrors errors={referralForm.errors} />
          <TextField field={referralFields.referredName} label={t("loyalty.referredName")} />
          <TextField
            field={referralFields.referredProfileNumber}
            label={t("loyalty.referredProfileNumber")}
            hint={t("loyalty.referredProfileHint")}
          />
          <TextField field={referralFields.points} label={t("loyalty.pointsToAward")} type="number" inputMode="numeric" />
          <TextAreaField field={referralFields.note} label={t("loyalty.note")} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t("loyalty.saveReferral")}
            </button>
          </div>
        </fetcher.Form>
      </details>
      <details open={last?.intent === "points" && !last.saved ? true : undefined}>
        <summary>{t("loyalty.adjustPoints")}</summary>
        <fetcher.Form
          method="post"
          action={`/analytics/loyalty/${guestId}`}
          {...getFormProps(pointsForm)}
          className="record-form grid"
          aria-label={t("loyalty.adjustPoints")}
        >
          <input type="hidden" name="intent" value="points" />
          <FormErrors errors={pointsForm.errors} />
          <TextField
            field={pointsFields.points}
            label={t("loyalty.pointsChange")}
            type="number"
            inputMode="numeric"
            hint={t("loyalty.pointsChangeHint")}
          />
          <TextField field={pointsFields.reason} label={t("loyalty.reason")} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t("loyalty.savePoints")}
            </button>
          </div>
        </fetcher.Form>
      </details>
      {last?.saved ? (
        <p className="notice" role="status">
          {t("loyalty.saved")}
        </p>
      ) : null}
    </div>
  );
}
