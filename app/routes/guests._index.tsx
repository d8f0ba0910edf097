import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { limitRequests } from "~/auth/rate-limits.server";
import { can } from "~/auth/permissions";
import { db } from "~/db/client.server";
import { deskQuery, SEARCH_PAGE_SIZE } from "~/domain/guests/search-keys";
import { deskSearchPageAs, type GuestSearch } from "~/domain/guests/search-guests.server";
import { pageParam } from "~/http/id-param";
import { useT } from "~/i18n/use-t";
import { MarkerBadge } from "~/ui/markers";
import { Icon } from "~/ui/icons";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = pageMeta("title.search");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "guest:search");
  const params = new URL(request.url).searchParams;
  const q = deskQuery(params.get("q"));
  const page = pageParam(params.get("page"));
  if (q.trim()) await limitRequests(db(), "search", staff);
  const search = await deskSearchPageAs(db(), actorOf(staff, request), q, page, "page");
  return json({ q, page, ...search, canCreate: can(staff.role, "guest:create") });
}

/** Pre-fill the new-guest form from what was typed: a phone, an e-mail or a name. */
function newGuestLink(q: string) {
  const value = q.trim();
  const field = /^[+\d][\d\s()-]*$/.test(value) ? "phone" : value.includes("@") ? "email" : "fullName";
  return `/guests/new?${new URLSearchParams({ [field]: value })}`;
}

export default function GuestSearch() {
  const initial = useLoaderData<typeof loader>();
  const t = useT();
  const fetcher = useFetcher<GuestSearch & { q: string; page: number; retryAfter: number }>();
  const [query, setQuery] = useState(initial.q);
  const listRef = useRef<HTMLOListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();

  // Typeahead: ask as the user types (after a short pause); the form still works without JavaScript.
  useEffect(() => {
    if (query === initial.q) return;
    const timer = setTimeout(() => {
      if (query.trim()) fetcher.load(`/api/guests/search?${new URLSearchParams({ q: query })}`);
    }, 120);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  // What the page was loaded with ("show more" reloads it) wins over the typeahead's answer for the same words.
  const live = fetcher.data && fetcher.data.q === query && query !== initial.q ? fetcher.data : null;
  const shown = query.trim() === "" ? null : (live ?? (query === initial.q ? initial : null));

  // After "show more", the first newly listed guest takes the focus: the keyboard goes on from there.
  useEffect(() => {
    if (initial.page > 1) links()[(initial.page - 1) * SEARCH_PAGE_SIZE]?.focus();
  }, [initial.page, initial.q]);
  const links = () => Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>("a.result-link") ?? []);

  function onListKey(event: React.KeyboardEvent) {
    const all = links();
    const index = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === "ArrowDown") {
      event.preventDefault();
      all[Math.min(index + 1, all.length - 1)]?.focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (index <= 0) inputRef.current?.focus();
      else all[index - 1]?.focus();
    } else if (event.key === "Escape") {
      inputRef.current?.focus();
    }
  }

  function onInputKey(event: React.KeyboardEvent) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      links()[0]?.focus();
    } else if (event.key === "Enter" && shown?.results.length === 1) {
      event.preventDefault();
      navigate(`/guests/${shown.results[0].id}`);
    }
  }

  return (
    <section className="search-page">
      <h1>{t("search.title")}</h1>
      <Form method="get" role="search" className="search-form">
        <label htmlFor="q" className="visually-hidden">
          {t("search.label")}
        </label>
        <input
          ref={inputRef}
          id="q"
          name="q"
          type="search"
          autoComplete="off"
          autoFocus
          value={query}
          placeholder={t("search.placeholder")}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onInputKey}
          aria-describedby="search-help"
        />
        <button type="submit" className="primary">
          {t("search.submit")}
        </button>
      </Form>
      <p id="search-help" className="hint">
        {t("search.help")}
      </p>

      <div aria-live="polite">
        {live?.retryAfter ? (
          <p className="form-error" role="alert">
            {t("rateLimit.search", { seconds: live.retryAfter })}
          </p>
        ) : shown && shown.q.trim() ? (
          shown.results.length ? (
            <>
              {shown.total > shown.results.length ? (
                <p className="search-total">
                  {t(shown.totalCapped ? "search.shownOfMore" : "search.shownOf", {
                    shown: shown.results.length,
                    total: shown.total,
                    q: shown.q.trim(),
                  })}
                </p>
              ) : null}
              <ol className="results" ref={listRef} onKeyDown={onListKey} aria-label={t("search.results", { count: shown.results.length })}>
                {shown.results.map((g) => (
                  <li key={g.id}>
                    <Link className="result-link" to={`/guests/${g.id}`}>
                      <span className="result-name">{g.fullName}</span>
                      {g.namePinyin ? <span className="pinyin">{g.namePinyin}</span> : null}
                      {g.vipLevel > 0 ? <span className="vip">{t("profile.vip", { level: g.vipLevel })}</span> : null}
                      {g.markers.map((m) => (
                        <MarkerBadge key={m.code} marker={m} />
                      ))}
                      <span className="result-meta">
                        {g.profileNumber}
                        {g.company ? ` · ${g.company}` : ""}
                        {g.phoneTail ? (
                          <>
                            {" · "}
                            <Icon name="phone" /> …{g.phoneTail}
                          </>
                        ) : (
                          ""
                        )}
                        {g.birthYear ? ` · ${t("search.born", { year: g.birthYear })}` : ""}
                        {" · "}
                        {t(`search.matchedOn.${g.matchedOn}`)}
                      </span>
                    </Link>
                  </li>
                ))}
              </ol>
              {shown.more > 0 ? (
                <p>
                  <Link
                    className="button show-more"
                    to={`/guests?${new URLSearchParams({ q: shown.q, page: String(shown.page + 1) })}`}
                    preventScrollReset
                  >
                    {t("search.showMore")}
                  </Link>
                </p>
              ) : shown.total > shown.results.length ? (
                <p className="hint">{t("search.onlyFirst", { count: shown.results.length })}</p>
              ) : null}
              {shown.total > SEARCH_PAGE_SIZE && !shown.refined ? (
                <p className="hint search-narrow">{t("search.narrow", { q: shown.q.trim() })}</p>
              ) : null}
            </>
          ) : (
            <div className="no-match">
              <p>{t("search.noMatch", { q: shown.q })}</p>
              {initial.canCreate ? (
                <Link className="button" to={newGuestLink(shown.q)}>
                  {t("search.createNew")}
                </Link>
              ) : null}
            </div>
          )
        ) : null}
      </div>
      {initial.canCreate ? (
        <p>
          <Link to="/guests/new">{t("search.newGuest")}</Link>
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
