import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { db } from "~/db/client.server";
import { actorOf, destroyStaffSession, getStaff } from "~/auth/session.server";
import { recordAudit } from "~/domain/audit/record-audit.server";

export async function loader() {
  return redirect("/guests");
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await getStaff(request);
  if (staff) await recordAudit(db(), actorOf(staff, request), { action: "LOGOUT", entity: "Staff", entityId: staff.id });
  return destroyStaffSession(request);
}
