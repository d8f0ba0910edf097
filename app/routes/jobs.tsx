import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { badRequest, readForm } from "~/http/read-form.server";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { JOBS, isJobName, refuseRun } from "../../jobs/registry.server";
import { listJobRuns } from "~/domain/jobs/list-job-runs.server";
import { startJobInBackground } from "../../jobs/start-in-background.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.jobs");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "jobs:manage");
  const { today } = await clockOf(db(), staff.propertyId);
  return json({
    jobs: Object.entries(JOBS).map(([name, d]) => ({ name, cron: d.cron })),
    runs: await listJobRuns(db()),
    today,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "jobs:manage");
  const form = await readForm(request);
  const name = String(form.get("job") ?? "");
  const asOf = String(form.get("asOf") ?? "");
  if (!isJobName(name)) throw badRequest("error.unknownIntent");
  const { today } = await clockOf(db(), staff.propertyId);
  const dryRun = form.get("dryRun") === "on";
  const refused = refuseRun(name, asOf, dryRun, today);
  if (refused) return json({ error: refused, job: name }, { status: 400 });
  startJobInBackground(db(), name, { asOf, dryRun, startedById: staff.id });
  // Give the run a moment to be recorded so the page shows it.
  await new Promise((resolve) => setTimeout(resolve, 150));
  return redirect("/jobs");
}

export default function Jobs() {
  const { jobs, runs, today } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const revalidator = useRevalidator();
  const refused = useActionData<typeof action>();
  const running = runs.some((r) => r.status === "RUNNING");
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  return (
    <section>
      <h1>{t("jobs.title")}</h1>
      {refused?.error ? (
        <p className="form-error" role="alert">
          {t(refused.error)}
        </p>
      ) : null}
      <div className="profile-grid">
        {jobs.map((job) => (
          <Form method="post" key={job.name} className="card stack" aria-label={t(`job.${job.name}`)}>
            <h2>{t(`job.${job.name}`)}</h2>
            <p className="hint">
              {t(`job.${job.name}.describe`)} · <code>{job.cron}</code>
            </p>
            <input type="hidden" name="job" value={job.name} />
            <div className="field">
              <label htmlFor={`asOf-${job.name}`}>{t("jobs.asOf")}</label>
              <input id={`asOf-${job.name}`} name="asOf" type="date" defaultValue={today} required />
            </div>
            <label className="check">
              <input type="checkbox" name="dryRun" /> {t("jobs.dryRun")}
            </label>
            <div>
              <button type="submit" className="primary">
                {t("jobs.runNow")}
              </button>
            </div>
          </Form>
        ))}
      </div>
      <h2>{t("jobs.runs")}</h2>
      <div className="table-scroll">
        <table className="stack">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("jobs.job")}</th>
              <th scope="col">{t("jobs.asOf")}</th>
              <th scope="col">{t("jobs.status")}</th>
              <th scope="col">{t("jobs.started")}</th>
              <th scope="col">{t("jobs.finished")}</th>
              <th scope="col">{t("jobs.counts")}</th>
              <th scope="col">{t("jobs.progress")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td data-label={t("jobs.job")}>
                  {t(`job.${r.job}`)}
                  {r.dryRun ? ` (${t("jobs.dryRun")})` : ""}
                </td>
                <td data-label={t("jobs.asOf")}>{r.asOf}</td>
                <td data-label={t("jobs.status")}>
                  <span className={`tag status-${r.status.toLowerCase()}`}>{t(`jobStatus.${r.status}`)}</span>
                </td>
                <td data-label={t("jobs.started")}>{formatDateTime(r.startedAt, locale, timeZone)}</td>
                <td data-label={t("jobs.finished")}>{r.finishedAt ? formatDateTime(r.finishedAt, locale, timeZone) : "—"}</td>
                <td data-label={t("jobs.counts")} className="changes">
                  {r.counts
                    ? Object.entries(r.counts as Record<string, number>)
                        .map(([k, v]) => `${k}: ${v}`)
                        .join(", ")
                    : ""}
                </td>
                <td data-label={t("jobs.progress")} className="changes">
                  {r.error ?? r.progress ?? ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
