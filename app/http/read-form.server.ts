// Reading what a request carries, for actions: one home for "the client sent
// something that is not a form" — JSON, an empty or broken body, multipart
// without a boundary — which is the client's mistake, never a 500.
import { json } from "@remix-run/node";
import type { MessageKey } from "~/i18n/i18n";

/**
 * A 400 to throw from a loader or action: the error boundary shows the
 * message in the reader's language (`messageKey`), Remix's client as an error response.
 */
export function badRequest(messageKey: MessageKey = "error.badRequest"): Response {
  return json({ messageKey }, { status: 400 });
}

/** A form body, or a 400 (thrown). */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw badRequest("error.notAForm");
  }
}

/** A text field of a form (a file or a missing field is undefined). */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/** The handler a form's `intent` names, or a 400 (thrown): never a property every object has ("__proto__"). */
export function handlerOf<T>(handlers: Record<string, T>, intent: string | undefined): T {
  if (intent === undefined || !Object.hasOwn(handlers, intent)) throw badRequest("error.unknownIntent");
  return handlers[intent];
}
