// A throwaway PostgreSQL server for tests: Debian's binaries, a temporary data
// directory, a free port on 127.0.0.1, stopped and deleted afterwards.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const USER = "ga_pgtest";

export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
    .sort();
  return versions.length ? path.join(root, versions.at(-1)!, "bin") : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function startThrowawayPostgres(options: { port?: number } = {}) {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  // initdb refuses to run as root: use an unprivileged system user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync("id", [USER]).status !== 0) execFileSync("useradd", ["--system", "--no-create-home", USER]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ga-pg-"));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? "runuser" : command, asRoot ? ["-u", USER, "--", command, ...args] : args, { stdio: "pipe" });
  run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync"]);
  const port = options.port ?? (await freePort());
  run(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "-w",
    "-l",
    path.join(dir, "log"),
    "start",
  ]);
  return {
    url: (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    port,
    binDir: bin,
    stop() {
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
