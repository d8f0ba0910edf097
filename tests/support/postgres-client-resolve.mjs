// Module resolution hook: see use-postgres-client.mjs.
const postgresClient = new URL("../../generated/prisma-postgres/", import.meta.url).href;
const projectRoot = new URL("../../", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const match = /^(?:\.\.\/)+generated\/prisma\/(.*)$/.exec(specifier);
  if (match && context.parentURL?.startsWith(projectRoot)) return nextResolve(postgresClient + match[1], context);
  return nextResolve(specifier, context);
}
