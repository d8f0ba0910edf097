import { useRouteLoaderData } from "@remix-run/react";
import { translate, type Locale, type MessageKey } from "./i18n";

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "en";
}

/** `t("key", {param})` in the user's language. */
export function useT() {
  const locale = useLocale();
  return (key: MessageKey | string, params?: Record<string, string | number>) => translate(locale, key, params);
}
