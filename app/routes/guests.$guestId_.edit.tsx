import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { readForm } from "~/http/read-form.server";
import { actorOf, requireStaff } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { db } from "~/db/client.server";
import { idParam } from "~/http/id-param";
import { ConflictError, NotFoundError } from "~/domain/errors";
import { survivorOf } from "~/domain/duplicates/merge-record.server";
import { guestFormSchema } from "~/domain/guests/guest-form";
import { maskIdNumber } from "~/domain/guests/id-document.server";
import { getGuestForEdit } from "~/domain/guests/get-guest-for-edit.server";
import { findLikelyDuplicates, updateGuest } from "~/domain/guests/save-guest.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { GuestEditor } from "./__guest-editor";

export const meta: MetaFunction = pageMeta("title.guest-edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "guest:edit");
  const id = idParam(params, "guestId");
  let guest;
  try {
    guest = await getGuestForEdit(db(), actorOf(staff, request), id);
  } catch (error) {
    if (error instanceof NotFoundError) {
      const survivor = await survivorOf(db(), id);
      if (survivor) throw redirect(`/guests/${survivor.id}/edit`);
      throw new Response("Not found", { status: 404 });
    }
    throw error;
  }
  const { today } = await clockOf(db(), staff.propertyId);
  const markers = await db().identityMarker.findMany({ orderBy: { id: "asc" } });
  const { idDocumentLast4, markerCodes, ...rest } = guest;
  const defaultValue: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest))
    if (v !== null && !(v instanceof Date)) defaultValue[k] = typeof v === "boolean" ? (v ? "on" : undefined) : String(v);
  defaultValue.markers = markerCodes;
  return json({
    guest: { id: guest.id, fullName: guest.fullName, profileNumber: guest.profileNumber },
    defaultValue,
    markers,
    today,
    idOnFile: can(staff.role, "idDocument:viewMasked") ? maskIdNumber(idDocumentLast4) : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "guest:edit");
  const id = idParam(params, "guestId");
  const { today } = await clockOf(db(), staff.propertyId);
  const submission = parseWithZod(await readForm(request), { schema: guestFormSchema(today) });
  if (submission.status !== "success") return json({ result: submission.reply(), duplicates: [] }, { status: 400 });
  if (!submission.value.confirmDuplicate) {
    const duplicates = await findLikelyDuplicates(db(), actorOf(staff, request), submission.value, id);
    if (duplicates.length) return json({ result: submission.reply(), duplicates }, { status: 409 });
  }
  try {
    await updateGuest(db(), actorOf(staff, request), id, submission.value);
  } catch (error) {
    if (error instanceof ConflictError || error instanceof NotFoundError) {
      return json({ result: submission.reply({ formErrors: [error.messageKey] }), duplicates: [] }, { status: 409 });
    }
    throw error;
  }
  return redirect(`/guests/${id}`);
}

export default function EditGuest() {
  const { guest, defaultValue, markers, today, idOnFile } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <section>
      <p>
        <Link to={`/guests/${guest.id}`}>
          ← {guest.fullName} · {guest.profileNumber}
        </Link>
      </p>
      <h1>{t("guest.editTitle", { name: guest.fullName })}</h1>
      <GuestEditor
        lastResult={data?.result}
        defaultValue={defaultValue}
        markers={markers}
        today={today}
        duplicates={data?.duplicates}
        cancelTo={`/guests/${guest.id}`}
        idOnFile={idOnFile}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
