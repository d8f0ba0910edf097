// The outreach queue: what is due, and recording what happened.
import { pageMeta } from "~/ui/page-meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { isRealDate } from "~/domain/forms";
import { idOf, pageParam } from "~/http/id-param";
import { readForm } from "~/http/read-form.server";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/domain/errors";
import { CHANNELS, outcomeFormSchema } from "~/domain/outreach/campaign-form";
import { listOutreachQueueAs, recordOutreachOutcome } from "~/domain/outreach/outreach-tasks.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDate } from "~/ui/format";
import { OutreachNav } from "~/ui/outreach-nav";
import { Pager } from "~/ui/pager";

export const meta: MetaFunction = pageMeta("title.outreach");
const STATUSES = ["PLANNED", "SENT", "DONE", "SKIPPED", "FAILED"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "outreach:work");
  const params = new URL(request.url).searchParams;
  const { today } = await clockOf(db(), staff.propertyId);
  const status = (STATUSES as readonly string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as (typeof STATUSES)[number])
    : "PLANNED";
  const channel = (CHANNELS as readonly string[]).includes(params.get("channel") ?? "") ? params.get("channel")! : undefined;
  const dueBy = isRealDate(params.get("dueBy")) ? params.get("dueBy")! : status === "PLANNED" ? today : undefined;
  const campaignId = idOf(params.get("campaign"));
  const queue = await listOutreachQueueAs(db(), actorOf(staff, request), {
    status,
    channel,
    dueBy,
    campaignId,
    page: pageParam(params.get("page")),
  });
  return json({
    ...queue,
    filter: { status, channel: channel ?? "", dueBy: dueBy ?? "", campaignId: campaignId ? String(campaignId) : "" },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "outreach:work");
  const submission = parseWithZod(await readForm(request), { schema: outcomeFormSchema });
  if (submission.status !== "success") return json({ error: "error.invalid", taskId: null }, { status: 400 });
  try {
    await recordOutreachOutcome(
      db(),
      actorOf(staff, request),
      submission.value.taskId,
      submission.value.status,
      submission.value.outcome ?? null,
    );
  } catch (error) {
    if (error instanceof DomainError) return json({ error: error.messageKey, taskId: submission.value.taskId }, { status: 404 });
    throw error;
  }
  return json({ error: null, taskId: submission.value.taskId });
}

export default function OutreachQueue() {
  const { tasks, total, page, pageCount, filter } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const params: Record<string, string> = { status: filter.status };
  if (filter.channel) params.channel = filter.channel;
  if (filter.dueBy) params.dueBy = filter.dueBy;
  if (filter.campaignId) params.campaign = filter.campaignId;
  return (
    <section>
      <OutreachNav />
      <h1>{t("outreach.queue")}</h1>
      <Form method="get" className="toolbar">
        <label htmlFor="status">{t("jobs.status")}</label>
        <select id="status" name="status" defaultValue={filter.status}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`outreachStatus.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor="channel">{t("campaign.channel")}</label>
        <select id="channel" name="channel" defaultValue={filter.channel}>
          <option value="">{t("outreach.anyChannel")}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
        <label htmlFor="dueBy">{t("outreach.dueBy")}</label>
        <input id="dueBy" name="dueBy" type="date" defaultValue={filter.dueBy} />
        {filter.campaignId ? <input type="hidden" name="campaign" value={filter.campaignId} /> : null}
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      <p className="hint">{t("outreach.total", { total })}</p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {t(result.error)}
        </p>
      ) : null}
      {result && !result.error ? (
        <p className="notice" role="status">
          {t("outreach.recorded")}
        </p>
      ) : null}
      {tasks.length ? (
        <ol className="arrival-list">
          {tasks.map((task) => (
            <li key={task.id} className="card task">
              <h2>
                <Link to={`/guests/${task.guest.id}`}>{task.guest.fullName}</Link>
                {task.guest.vipLevel > 0 ? <span className="vip">{t("profile.vip", { level: task.guest.vipLevel })}</span> : null}
              </h2>
              <p className="muted">
                {task.guest.profileNumber} · {task.campaign.name} · {t(`channel.${task.channel}`)} ·{" "}
                {t("outreach.due", { date: formatDate(task.dueDate, locale) })} ·{" "}
                {t("outreach.occasion", { date: formatDate(task.occasionDate, locale) })}
                {task.attempts ? ` · ${t("outreach.attempts", { count: task.attempts })}` : ""}
              </p>
              {task.giftSuggestion ? (
                <p>
                  {t("campaign.gift")}: <strong>{task.giftSuggestion}</strong>
                </p>
              ) : null}
              <details>
                <summary>{task.subject}</summary>
                <p className="message">{task.message}</p>
              </details>
              {task.lastError ? (
                <p className="overdue">
                  {t("outreach.lastError")}: {task.lastError}
                </p>
              ) : null}
              {task.outcome ? (
                <p className="muted">
                  {t("outreach.outcome")}: {task.outcome}
                </p>
              ) : null}
              {task.status === "PLANNED" || task.status === "FAILED" || task.status === "SENT" ? (
                <Form method="post" className="toolbar">
                  <input type="hidden" name="taskId" value={task.id} />
                  <label htmlFor={`outcome-${task.id}`} className="visually-hidden">
                    {t("outreach.outcome")}
                  </label>
                  <input id={`outcome-${task.id}`} name="outcome" placeholder={t("outreach.outcomePlaceholder")} />
                  {task.status !== "SENT" ? (
                    <button type="submit" name="status" value="SENT">
                      {t("outreach.markSent")}
                    </button>
                  ) : null}
                  <button type="submit" name="status" value="DONE" className="primary">
                    {t("outreach.markDone")}
                  </button>
                  {task.status !== "SENT" ? (
                    <button type="submit" name="status" value="SKIPPED">
                      {t("outreach.markSkipped")}
                    </button>
                  ) : null}
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t("outreach.empty")}</p>
      )}
      <Pager page={page} pageCount={pageCount} params={params} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
