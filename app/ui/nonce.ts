// The Content-Security-Policy nonce of the page being rendered on the server
// (app/entry.server.tsx gives it; <Scripts> and <ScrollRestoration> write it on
// their inline scripts). In the browser it is empty: the page's scripts already ran.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
