// JSON search for the typeahead (and the search benchmark).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireStaff } from "~/auth/session.server";
import { consumeRequest } from "~/auth/rate-limits.server";
import { db } from "~/db/client.server";
import { deskQuery } from "~/domain/guests/search-keys";
import { deskSearchPage, NO_RESULTS } from "~/domain/guests/search-guests.server";
import { pageParam } from "~/http/id-param";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "guest:search");
  const params = new URL(request.url).searchParams;
  const q = deskQuery(params.get("q"));
  const page = pageParam(params.get("page"));
  // Past the session's limit the typeahead gets an answer it can show, not an error page.
  const retryAfter = q.trim() ? await consumeRequest(db(), "search", String(staff.sessionId)) : 0;
  if (retryAfter)
    return json(
      { q, page, ...NO_RESULTS, retryAfter },
      { status: 429, headers: { "Retry-After": String(retryAfter), "Cache-Control": "private, no-store" } },
    );
  // results, total (counted up to 1,000; totalCapped beyond), more (how many "show more" can add), refined
  const search = q.trim() ? await deskSearchPage(db(), q, page) : NO_RESULTS;
  return json({ q, page, ...search, retryAfter: 0 }, { headers: { "Cache-Control": "private, no-store" } });
}
