import { createCookie } from "@remix-run/node";
import { isLocale, localeFromAcceptLanguage, type Locale } from "./i18n";

export const languageCookie = createCookie("ga_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** The user's chosen language, else the browser's. */
export async function localeOf(request: Request): Promise<Locale> {
  return localeOfHeaders(request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}

/** The same, from the raw headers (the web server, before Remix has a Request). */
export async function localeOfHeaders(cookie: string | null | undefined, acceptLanguage: string | null | undefined): Promise<Locale> {
  const chosen = await languageCookie.parse(cookie ?? null);
  return isLocale(chosen) ? chosen : localeFromAcceptLanguage(acceptLanguage ?? null);
}
