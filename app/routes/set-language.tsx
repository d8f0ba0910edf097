// The language switch in the header (also on the login page, so no sign-in):
// it sets a cookie and goes back to where the user was — on this site only.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { safeRedirect } from "~/auth/session.server";
import { formText, readForm } from "~/http/read-form.server";
import { isLocale } from "~/i18n/i18n";
import { languageCookie } from "~/i18n/locale.server";

export async function loader() {
  return redirect("/guests");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = formText(form, "locale");
  const to = safeRedirect(formText(form, "redirectTo"), "/guests");
  if (!isLocale(locale)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await languageCookie.serialize(locale) } });
}
