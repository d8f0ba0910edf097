// Access request: everything held about one guest, as JSON or CSV (audited).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, requireStaff } from "~/auth/session.server";
import { limitRequests } from "~/auth/rate-limits.server";
import { db } from "~/db/client.server";
import { idParam } from "~/http/id-param";
import { attachmentDisposition, csvResponse } from "~/domain/csv.server";
import { NotFoundError } from "~/domain/errors";
import { exportGuestData } from "~/domain/retention/export-guest-data.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "guest:export");
  await limitRequests(db(), "export", staff);
  const guestId = idParam(params, "guestId");
  const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "json";
  try {
    const body = await exportGuestData(db(), actorOf(staff, request), guestId, format);
    const profile = await db().guest.findUnique({ where: { id: guestId }, select: { profileNumber: true, fullName: true } });
    // The file is named after the guest, e.g. "guest-G00000012-李新客.csv".
    const filename = `guest-${profile?.profileNumber ?? guestId}${profile ? `-${profile.fullName}` : ""}.${format}`;
    if (format === "csv") return csvResponse(body, filename);
    return new Response(body, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": attachmentDisposition(filename),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}
