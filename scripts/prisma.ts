// Runs the Prisma CLI with this project's config (provider chosen from
// DATABASE_URL). Usage: tsx scripts/prisma.ts <prisma args…>
// The CLI's output passes through, less what our set-up makes misleading:
// the placeholder datasource url (kept so the CLI never tries to download an
// engine, docs/decisions/001) is reported as "unused.db" and warned about,
// although the driver adapter in prisma.config.ts is what connects.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import readline from "node:readline";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");

const misleading = [
  /^Datasource "db": .*"unused(\.db)?"/,
  /^WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter/,
  /^- url$/,
  /^The values from your schema will NOT be used!$/,
  /^We recommend you to remove those properties from your schema/,
];

const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: ["inherit", "pipe", "pipe"],
  env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
for (const [from, to] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
] as const) {
  readline.createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => {
    // eslint-disable-next-line no-control-regex
    const plain = line.replace(/\u001b\[[0-9;]*m/g, "").trim();
    if (!misleading.some((pattern) => pattern.test(plain))) to.write(line + "\n");
  });
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
