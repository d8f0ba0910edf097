// Prisma CLI configuration. Prisma 6.19 runs migrations with its Wasm ("js")
// schema engine through a driver adapter, so nothing is downloaded at run time.
// Every workaround for an upstream bug lives in prisma/workarounds.ts.
import "dotenv/config";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseUrl, providerOf } from "./app/db/provider";
import { cliAdapterFactory } from "./prisma/workarounds";

const url = databaseUrl();
const provider = providerOf(url);

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join("prisma", provider),
  migrations: { path: path.join("prisma", provider, "migrations") },
  engine: "js",
  adapter: async () => cliAdapterFactory(url),
});
