// POST|PUT /api/v1/charges — Posts a folio charge once per (source, externalId) (docs/decisions/019).
import type { ActionFunctionArgs } from "@remix-run/node";
import { feedRoute, onlyWrites } from "~/http/api-v1.server";

export const action = ({ request, context }: ActionFunctionArgs) => feedRoute(request, context, "charge");
export const loader = onlyWrites;
