// JSON search for the typeahead (and the search benchmark).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { searchGuests } from "~/domain/guests/search-guests.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "guest:search");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const results = q.trim() ? await searchGuests(db(), q) : [];
  return json({ q, results }, { headers: { "Cache-Control": "private, no-store" } });
}
