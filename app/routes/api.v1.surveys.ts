// POST|PUT /api/v1/surveys — Posts a guest's survey answer once per (source, externalId) (docs/decisions/019).
import type { ActionFunctionArgs } from "@remix-run/node";
import { feedRoute, onlyWrites } from "~/http/api-v1.server";

export const action = ({ request, context }: ActionFunctionArgs) => feedRoute(request, context, "survey");
export const loader = onlyWrites;
