// Every test file of the "postgres" project gets its own database, copied
// from the migrated template on the throwaway server.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "~/db/client.server";

const serverUrl = inject("postgresServerUrl");
const name = `ga_file_${randomBytes(6).toString("hex")}`;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

await admin(`CREATE DATABASE "${name}" TEMPLATE "ga_template"`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.NODE_ENV = "test";
// Scripts the tests start as child processes use the PostgreSQL client too.
const hook = new URL("./use-postgres-client.mjs", import.meta.url).pathname;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --import=${hook}`.trim();

afterAll(async () => {
  await disconnectDb();
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});
