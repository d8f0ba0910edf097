import { createCookie } from "@remix-run/node";
import { isLocale, localeFromAcceptLanguage, type Locale } from "./i18n";

export const languageCookie = createCookie("ga_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** The user's chosen language, else the browser's. */
export async function localeOf(request: Request): Promise<Locale> {
  const chosen = await languageCookie.parse(request.headers.get("Cookie"));
  return isLocale(chosen) ? chosen : localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}
