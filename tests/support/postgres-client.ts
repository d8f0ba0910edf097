// The PostgreSQL Prisma client for the "postgres" test project. The app's own
// client (generated/prisma) is built for the provider of DATABASE_URL — SQLite
// on a developer's machine — so the tests build a second one from
// prisma/postgres into generated/prisma-postgres, and vitest.config.ts points
// the app's imports of generated/prisma at it. Rebuilt only when the schema
// files change.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
export const postgresClientDir = path.join(root, "generated", "prisma-postgres");

function schemaFingerprint(): string {
  const hash = createHash("sha256");
  const models = path.join(root, "prisma", "models");
  hash.update(fs.readFileSync(path.join(root, "prisma", "postgres", "schema.prisma")));
  for (const file of fs.readdirSync(models).sort()) hash.update(file).update(fs.readFileSync(path.join(models, file)));
  hash.update(JSON.parse(fs.readFileSync(path.join(root, "node_modules", "prisma", "package.json"), "utf8")).version);
  return hash.digest("hex");
}

export function ensurePostgresClient() {
  const fingerprint = schemaFingerprint();
  const stamp = path.join(postgresClientDir, ".fingerprint");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === fingerprint) return;
  const schemaDir = path.join(root, ".cache", "pg-client-schema");
  fs.rmSync(schemaDir, { recursive: true, force: true });
  fs.mkdirSync(schemaDir, { recursive: true });
  const schema = fs
    .readFileSync(path.join(root, "prisma", "postgres", "schema.prisma"), "utf8")
    .replace(/output\s*=\s*"[^"]*"/, `output = ${JSON.stringify(postgresClientDir)}`);
  fs.writeFileSync(path.join(schemaDir, "schema.prisma"), schema);
  fs.symlinkSync(path.join(root, "prisma", "models"), path.join(schemaDir, "models"));
  fs.rmSync(postgresClientDir, { recursive: true, force: true });
  execFileSync("npx", ["tsx", "scripts/prisma.ts", "generate", "--schema", schemaDir], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "postgresql://unused@localhost/unused" },
    stdio: "pipe",
  });
  fs.writeFileSync(stamp, fingerprint);
}

/**
 * A copy of the app's source whose generated/prisma is the PostgreSQL client,
 * for tests that build the app (the bundle inlines the generated client it
 * finds beside app/). Returns the folder; the caller removes it.
 */
export function stagePostgresSource(): string {
  ensurePostgresClient();
  const stage = fs.mkdtempSync(path.join(root, ".cache", "pg-source-"));
  for (const entry of ["app", "jobs", "package.json", "remix.config.js", "tsconfig.json"])
    fs.cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true, verbatimSymlinks: true });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(stage, "node_modules"));
  fs.mkdirSync(path.join(stage, "generated"));
  fs.symlinkSync(postgresClientDir, path.join(stage, "generated", "prisma"));
  return stage;
}
