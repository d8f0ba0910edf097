// Referrals and reward points, posted from the profile's loyalty card (a
// fetcher form): validated with the forms' zod schemas, audited by the domain.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { badRequest, readForm } from "~/http/read-form.server";
import { idOf, idParam } from "~/http/id-param";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/domain/errors";
import { pointsFormSchema, referralFormSchema } from "~/domain/loyalty/loyalty-forms";
import { adjustPoints, recordReferral } from "~/domain/loyalty/loyalty.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/guests/${idOf(params.guestId) ?? ""}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "loyalty:reward");
  const guestId = idParam(params, "guestId");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent !== "referral" && intent !== "points") throw badRequest("error.unknownIntent");
  const submission = parseWithZod(formData, { schema: intent === "referral" ? referralFormSchema : pointsFormSchema });
  if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
  try {
    if (submission.value && "referredName" in submission.value)
      await recordReferral(db(), actorOf(staff, request), guestId, submission.value);
    else await adjustPoints(db(), actorOf(staff, request), guestId, submission.value as { points: number; reason: string });
  } catch (error) {
    if (error instanceof DomainError)
      return json({ intent, result: submission.reply({ formErrors: [error.messageKey] }) }, { status: 409 });
    throw error;
  }
  return json({ intent, saved: true, result: submission.reply({ resetForm: true }) });
}
