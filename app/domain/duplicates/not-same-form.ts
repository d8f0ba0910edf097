// The "not the same guest" form (browser-safe): an optional one-line reason.
import { z } from "zod";
import { optionalText } from "../forms";

export const NOT_SAME_REASON_MAX = 500;

export const notSameFormSchema = z.object({ reason: optionalText(NOT_SAME_REASON_MAX) });
