/** A positive whole-number route parameter (":guestId"), or a 404 response. */
export function idParam(params: Record<string, string | undefined>, name: string): number {
  const id = Number(params[name]);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}
