import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { safeRedirect } from "~/auth/session.server";
import { isLocale } from "~/i18n/i18n";
import { languageCookie } from "~/i18n/locale.server";

export async function loader() {
  return redirect("/guests");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const to = safeRedirect(form.get("redirectTo"), "/guests");
  if (!isLocale(locale)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await languageCookie.serialize(locale) } });
}
