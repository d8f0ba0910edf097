// Demo mode (the default): `npm start` seeds sample guests and the shared demo
// sign-ins, and every page says it is a demo. A real deployment sets
// DEMO=false: no demo data, no demo accounts, and the demo password never
// opens a session without being changed.
export function isDemoMode(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.DEMO?.trim().toLowerCase();
  if (value === undefined || value === "" || value === "true" || value === "1" || value === "yes") return true;
  if (value === "false" || value === "0" || value === "no") return false;
  throw new Error(`DEMO must be true or false, got "${env.DEMO}".`);
}
