// The time zone every time on a page is shown in: the signed-in staff
// member's home property's, else the chain's home zone (root loader). The
// same on the server and in the browser, whatever zone either runs in.
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";

export function useTimeZone(): string {
  return useRouteLoaderData<typeof rootLoader>("root")?.timeZone ?? "UTC"; // no root data (an error page): UTC on both sides
}
