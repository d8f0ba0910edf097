// JSON search for the typeahead (and the search benchmark); each request is
// written to the access register.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { actorOf, requireStaff } from "~/auth/session.server";
import { consumeRequest } from "~/auth/rate-limits.server";
import { db } from "~/db/client.server";
import { deskQuery } from "~/domain/guests/search-keys";
import { searchGuestsAs } from "~/domain/guests/search-guests.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "guest:search");
  const q = deskQuery(new URL(request.url).searchParams.get("q"));
  // Past the session's limit the typeahead gets an answer it can show, not an error page.
  const retryAfter = q.trim() ? await consumeRequest(db(), "search", String(staff.sessionId)) : 0;
  if (retryAfter)
    return json(
      { q, results: [], retryAfter },
      { status: 429, headers: { "Retry-After": String(retryAfter), "Cache-Control": "private, no-store" } },
    );
  // Every request is registered (who searched for what): the typeahead's pause is the browser's, not the register's.
  const results = await searchGuestsAs(db(), actorOf(staff, request), q, "typeahead");
  return json({ q, results, retryAfter: 0 }, { headers: { "Cache-Control": "private, no-store" } });
}
