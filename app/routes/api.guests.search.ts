// JSON search for the typeahead (and the search benchmark); each request is
// written to the access register.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { actorOf, requireStaff } from "~/auth/session.server";
import { consumeRequest } from "~/auth/rate-limits.server";
import { db } from "~/db/client.server";
import { deskQuery } from "~/domain/guests/search-keys";
import { deskSearchPageAs, NO_RESULTS } from "~/domain/guests/search-guests.server";
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
  // results, total (counted up to 1,000; totalCapped beyond), more (how many "show more" can add), refined.
  // Every request is registered (who searched for what): the typeahead's pause is the browser's, not the register's.
  const search = await deskSearchPageAs(db(), actorOf(staff, request), q, page, "typeahead");
  return json({ q, page, ...search, retryAfter: 0 }, { headers: { "Cache-Control": "private, no-store" } });
}
