// Loaded with `node --import` (through NODE_OPTIONS) by the scripts that the
// "postgres" test project runs as child processes (the staff CLI, jobs…):
// points their imports of the generated Prisma client at the PostgreSQL build,
// as vitest.config.ts does for the tests themselves.
import { register } from "node:module";

register("./postgres-client-resolve.mjs", import.meta.url);
