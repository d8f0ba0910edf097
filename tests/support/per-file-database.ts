// Every test file gets its own freshly migrated SQLite database file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "~/db/client.server";

const template = inject("templateDatabase");
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "guest-archive-file-")), "test.db");
fs.copyFileSync(template, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";

afterAll(async () => {
  await disconnectDb();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});
