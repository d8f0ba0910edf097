import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { useActionData, useLoaderData } from "@remix-run/react";
import { readForm } from "~/http/read-form.server";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { guestFormSchema } from "~/domain/guests/guest-form";
import { createGuest } from "~/domain/guests/save-guest.server";
import { deskQuery } from "~/domain/guests/search-keys";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { GuestEditor } from "./__guest-editor";

export const meta: MetaFunction = pageMeta("title.guests-new");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "guest:create");
  const params = new URL(request.url).searchParams;
  const { today } = await clockOf(db(), staff.propertyId);
  const markers = await db().identityMarker.findMany({ orderBy: { id: "asc" } });
  const prefill: Record<string, string> = {};
  for (const field of ["fullName", "phone", "email"]) {
    // From the search box: cleaned the way the search read it.
    const value = deskQuery(params.get(field));
    if (value) prefill[field] = value;
  }
  return json({ markers, today, prefill });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "guest:create");
  const { today } = await clockOf(db(), staff.propertyId);
  const submission = parseWithZod(await readForm(request), { schema: guestFormSchema(today) });
  if (submission.status !== "success") return json({ result: submission.reply(), duplicates: [] }, { status: 400 });
  const created = await createGuest(db(), actorOf(staff, request), submission.value);
  if (created.status === "possibleDuplicate") {
    return json({ result: submission.reply(), duplicates: created.duplicates }, { status: 409 });
  }
  return redirect(`/guests/${created.guestId}`);
}

export default function NewGuest() {
  const { markers, today, prefill } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <section>
      <h1>{t("guest.newTitle")}</h1>
      <GuestEditor
        lastResult={data?.result}
        defaultValue={{ language: "zh-CN", gender: "UNDISCLOSED", birthdayCalendar: "GREGORIAN", vipLevel: "0", ...prefill }}
        markers={markers}
        today={today}
        duplicates={data?.duplicates}
        cancelTo="/guests"
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
