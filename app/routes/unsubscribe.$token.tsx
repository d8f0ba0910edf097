// The unsubscribe link in every e-mail: no sign-in needed; the signed token
// names the guest and channel. A button confirms, so link scanners that open
// the page do not unsubscribe anyone; mail clients use the one-click POST.
import { pageMeta } from "~/ui/page-meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/db/client.server";
import { isOptedOut, readUnsubscribeToken, recordOptOut } from "~/domain/outreach/unsubscribe.server";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = pageMeta("title.unsubscribe", { appName: false, robots: "noindex" });

export async function loader({ params }: LoaderFunctionArgs) {
  const target = readUnsubscribeToken(String(params.token));
  if (!target) throw new Response("This unsubscribe link is not valid.", { status: 404 });
  const already = target.channel !== "IN_PERSON" && (await isOptedOut(db(), target.guestId, target.channel));
  return json({ channel: target.channel, already });
}

export async function action({ params }: ActionFunctionArgs) {
  const target = readUnsubscribeToken(String(params.token));
  if (!target || target.channel === "IN_PERSON") throw new Response("This unsubscribe link is not valid.", { status: 404 });
  const { changed } = await recordOptOut(db(), target.guestId, target.channel);
  return json({ done: true, changed });
}

export default function Unsubscribe() {
  const { channel, already } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="login card">
      <h1>{t("unsubscribe.title")}</h1>
      {data?.done ? (
        <p role="status">{data.changed ? t("unsubscribe.done") : t("unsubscribe.already", { channel: t(`channel.${channel}`) })}</p>
      ) : already ? (
        <p role="status">{t("unsubscribe.already", { channel: t(`channel.${channel}`) })}</p>
      ) : (
        <Form method="post" className="stack">
          <p>{t("unsubscribe.explain", { channel: t(`channel.${channel}`) })}</p>
          <button type="submit" className="primary">
            {t("unsubscribe.confirm")}
          </button>
        </Form>
      )}
    </section>
  );
}
