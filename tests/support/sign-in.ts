// Signing in through the real login route (a real Request, the socket's
// address in the load context as the HTTP server passes it), and requests
// that carry the session cookie it set.
import { action as loginAction } from "~/routes/login";

export const BASE = "http://localhost";

export type SignInAttempt = { status: number; cookie: string | null; location: string | null; body: unknown; headers: Headers };

export async function postLogin(
  username: string,
  password: string,
  { address = "198.51.100.10", redirectTo, headers = {} }: { address?: string; redirectTo?: string; headers?: Record<string, string> } = {},
): Promise<SignInAttempt> {
  const body = new URLSearchParams({ username, password, ...(redirectTo !== undefined ? { redirectTo } : {}) });
  const response = (await loginAction({
    request: new Request(`${BASE}/login`, { method: "POST", body, headers }),
    params: {},
    context: { clientAddress: address },
  })) as Response;
  const setCookie = response.headers.get("Set-Cookie");
  const cookie = setCookie?.startsWith("ga_session=") ? setCookie.split(";")[0] : null;
  const isJson = response.headers.get("Content-Type")?.includes("json");
  return {
    status: response.status,
    cookie,
    location: response.headers.get("Location"),
    body: isJson ? await response.json() : null,
    headers: response.headers,
  };
}

/** Signs in and returns the session cookie ("ga_session=…"); throws when refused. */
export async function signIn(username: string, password: string, address = "198.51.100.10") {
  const attempt = await postLogin(username, password, { address });
  if (!attempt.cookie) throw new Error(`sign-in of ${username} refused: HTTP ${attempt.status} ${JSON.stringify(attempt.body)}`);
  return attempt.cookie;
}

/** A GET or form POST carrying a cookie. */
export function requestWith(cookie: string | null, path: string, form?: Record<string, string>) {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  return form
    ? new Request(`${BASE}${path}`, { method: "POST", body: new URLSearchParams(form), headers })
    : new Request(`${BASE}${path}`, { headers });
}

/** What a loader or action threw or returned, as a Response. */
export async function responseOf(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
