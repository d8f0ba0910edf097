// A form body, or a 400: a JSON, empty or broken body is the client's mistake, never a 500.
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("The request body is not a form.", { status: 400 });
  }
}

/** A text field of a form (a file or a missing field is undefined). */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}
