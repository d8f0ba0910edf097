// Page titles in the signed-in staff member's language: the root loader's
// locale, read from the route matches (meta runs on the server and the client).
import type { MetaFunction } from "@remix-run/node";
import { isLocale, translate, type Locale } from "~/i18n/i18n";
import type { PagesKey } from "~/i18n/pages.en";

type Options = {
  /** Prefix the product name ("Guest Archive · …"); off for pages guests see. */
  appName?: boolean;
  robots?: string;
};

export function localeOfMatches(matches: ReadonlyArray<{ id: string; data?: unknown }>): Locale {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  return isLocale(locale) ? locale : "en";
}

export function pageTitle(locale: Locale, key: PagesKey, appName = true): string {
  const page = translate(locale, key);
  return appName ? `${translate(locale, "app.name")} · ${page}` : page;
}

export function pageMeta(key: PagesKey, options: Options = {}): MetaFunction {
  return ({ matches }) => [
    { title: pageTitle(localeOfMatches(matches), key, options.appName ?? true) },
    ...(options.robots ? [{ name: "robots", content: options.robots }] : []),
  ];
}
