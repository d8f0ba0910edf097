// npm run bench -- import [--guests 100000] [--batch 500]
// Importing a hotel's guest file on SQLite: a generated CSV of N guests
// (Chinese and Latin names, phones, e-mails, birth dates; one row in fifty the
// guest of an earlier row typed again without its id, one in a hundred rejected) imported
// through runImport into a fresh migrated database, as `npm run import` does.
// Reports time, rows per second, peak RSS and the counts.
// Target: 100k guests ≤ 30 s and ≤ 512 MB.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "../app/db/client.server";
import { SYSTEM_ACTOR } from "../app/domain/actor";
import { runImport } from "../app/domain/imports/run-import.server";

const TARGET_SECONDS = 30;
const TARGET_MB = 512;
const FAMILY = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国"];
const LATIN = ["Anna Berg", "John Smith", "Maria Garcia", "Kenji Sato", "Lena Fischer", "Omar Haddad", "Chloe Martin", "Ivan Petrov"];

function guestFile(file: string, count: number) {
  const out = fs.openSync(file, "w");
  const lines: string[] = ["会员号,姓名,手机,邮箱,生日,公司"];
  const flush = () => {
    fs.writeSync(out, lines.join("\r\n") + "\r\n");
    lines.length = 0;
  };
  const person = (i: number) => {
    const latin = i % 7 === 0;
    const name = latin
      ? `${LATIN[i % LATIN.length]} ${i}`
      : `${FAMILY[i % 20]}${GIVEN[Math.floor(i / 20) % 20]}${GIVEN[Math.floor(i / 400) % 20]}`;
    const phone = `13${String(100_000_000 + i * 37).slice(-9)}`;
    const birth = i % 3 ? `19${50 + (i % 50)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}` : "";
    return { name, phone, birth, email: `guest${i}@example.cn` };
  };
  for (let i = 1; i <= count; i++) {
    const p = person(i);
    if (i % 100 === 0)
      lines.push(`B-${i},,${p.phone},,,`); // rejected: no name
    else if (i % 50 === 0) {
      // The guest of row i − 25 typed again by another desk: phone written another way, no member number.
      const twin = person(i - 25);
      lines.push(`,${twin.name},+86 ${twin.phone},${twin.email.toUpperCase()},${twin.birth},`);
    } else lines.push(`B-${i},${p.name},${p.phone},${p.email},${p.birth},${i % 5 ? "" : "上海锦江国际集团"}`);
    if (lines.length >= 5000) flush();
  }
  flush();
  fs.closeSync(out);
}

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { guests: { type: "string", default: "100000" }, batch: { type: "string", default: "500" } },
  });
  const count = Number(values.guests);
  const log = (line: string) => console.log(`[import] ${line}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const dbFile = path.join(dir, "import.db");
  const csv = path.join(dir, "guests.csv");
  const migrate = spawnSync("npx", ["tsx", "scripts/prisma.ts", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(migrate.stdout + migrate.stderr);
  guestFile(csv, count);
  log(`${count} guests in ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB of CSV; importing into ${dbFile}`);
  const db = createDb(`file:${dbFile}`);
  await db.property.create({ data: { code: "SHA", name: "Hotel SHA", nameZh: "上海酒店", timeZone: "Asia/Shanghai", currency: "CNY" } });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const started = performance.now();
  let lastLog = started;
  const report = await runImport(db, SYSTEM_ACTOR, {
    kind: "guests",
    path: csv,
    fileName: "guests.csv",
    dryRun: false,
    asOf: new Date(),
    batchSize: Number(values.batch),
    progress: ({ rowsRead }) => {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      if (performance.now() - lastLog < 5000) return;
      lastLog = performance.now();
      log(`${rowsRead} rows, ${((performance.now() - started) / 1000).toFixed(1)} s, RSS ${(rss / 1024 / 1024).toFixed(0)} MiB`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const guests = await db.guest.count();
  await db.$disconnect();
  const mb = peak / 1024 / 1024;
  log(`counts: ${JSON.stringify(report.counts)}; guests in the archive: ${guests}`);
  log(`${count} rows in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)} rows/s), peak RSS ${mb.toFixed(0)} MiB`);
  const scaled = (seconds * 100_000) / count;
  log(
    `target 100k ≤ ${TARGET_SECONDS} s and ≤ ${TARGET_MB} MB: ${count === 100_000 ? (seconds <= TARGET_SECONDS && mb <= TARGET_MB ? "met" : "NOT met") : `at this rate 100k would take ≈ ${scaled.toFixed(0)} s`}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}
