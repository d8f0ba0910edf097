import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { db } from "~/db/client.server";
import { actorOf, clearSessionCookie, getStaff } from "~/auth/session.server";
import { signOut } from "~/domain/staff/sign-out.server";

export async function loader() {
  return redirect("/guests");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await getStaff(request, { context });
  if (staff) await signOut(db(), actorOf(staff), staff.sessionId);
  return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie() } });
}
