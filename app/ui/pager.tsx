import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export function Pager({ page, pageCount, params = {} }: { page: number; pageCount: number; params?: Record<string, string> }) {
  const t = useT();
  if (pageCount <= 1) return null;
  const href = (p: number) => `?${new URLSearchParams({ ...params, page: String(p) })}`;
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      {page > 1 ? <Link to={href(page - 1)}>{t("pager.previous")}</Link> : null}
      <span>{t("pager.page", { page, pageCount })}</span>
      {page < pageCount ? <Link to={href(page + 1)}>{t("pager.next")}</Link> : null}
    </nav>
  );
}
