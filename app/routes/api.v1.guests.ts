// POST|PUT /api/v1/guests — Upserts a guest profile by (source, externalId) (docs/decisions/019).
import type { ActionFunctionArgs } from "@remix-run/node";
import { feedRoute, onlyWrites } from "~/http/api-v1.server";

export const action = ({ request, context }: ActionFunctionArgs) => feedRoute(request, context, "guest");
export const loader = onlyWrites;
