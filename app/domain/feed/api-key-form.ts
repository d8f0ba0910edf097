// The admin form that creates an API key (browser-safe).
import { z } from "zod";
import { requiredText, textList } from "../forms";

export const API_KEY_SCOPES = ["pms:write", "guests:read"] as const;

export const apiKeyFormSchema = z.object({
  name: requiredText(80),
  scopes: textList(20).pipe(z.array(z.enum(API_KEY_SCOPES)).min(1, "error.apiKeyScopes")),
  propertyCodes: textList(20),
});
export type ApiKeyFormInput = z.infer<typeof apiKeyFormSchema>;
