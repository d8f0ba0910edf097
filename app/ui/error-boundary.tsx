import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** One place that turns a thrown response or error into a readable page. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("error.unexpectedTitle");
  let detail = t("error.unexpected");
  if (isRouteErrorResponse(error)) {
    if (error.status === 403) {
      // A cross-site refusal (app/http/csrf.server.ts) says what happened; a role's refusal says the role.
      const refusal = error.data as { messageKey?: string } | null;
      title = refusal?.messageKey === "csrf.refused" ? t("csrf.title") : t("error.forbiddenTitle");
      detail = refusal?.messageKey === "csrf.refused" ? t("csrf.refused") : t("error.forbidden");
    } else if (error.status === 429) {
      // A search or export limit (app/auth/rate-limits.server.ts): say what, and when to try again.
      const limit = error.data as { messageKey?: string; retryAfter?: number } | null;
      title = t("rateLimit.title");
      detail = t(limit?.messageKey ?? "rateLimit.search", { seconds: limit?.retryAfter ?? 60 });
    } else if (error.status === 400) {
      // A request that is not a form, an unknown intent (app/http/read-form.server.ts): say nothing was saved.
      const refusal = error.data as { messageKey?: string } | null;
      title = t("error.badRequestTitle");
      detail = t(refusal?.messageKey?.startsWith("error.") ? refusal.messageKey : "error.badRequest");
    } else if (error.status === 404) {
      title = t("error.notFoundTitle");
      detail = t("error.notFoundDetail");
    } else {
      title = `${error.status} ${error.statusText}`;
    }
  } else if (typeof document === "undefined") {
    console.error(error);
  }
  return (
    <section className="error-page" role="alert">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <Link to="/guests">{t("nav.backToSearch")}</Link>
      </p>
    </section>
  );
}
