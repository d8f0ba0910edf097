// POST /api/v1/ota — OpenTravel XML: OTA_HotelResNotifRQ and OTA_ProfileCreateRQ,
// answered with the matching RS (docs/decisions/019).
import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/db/client.server";
import { processOtaMessage } from "~/domain/feed/opentravel.server";
import { onlyWrites, readApiRequest, requireApiKey } from "~/http/api-v1.server";

const XML = { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "no-store" };

export async function action({ request, context }: ActionFunctionArgs) {
  try {
    const caller = await requireApiKey(request, "pms:write", context);
    const { body, idempotencyKey } = await readApiRequest(request);
    const answer = await processOtaMessage(db(), caller, { body, idempotencyKey });
    return new Response(answer.xml, { status: answer.status, headers: XML });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export const loader = onlyWrites;
