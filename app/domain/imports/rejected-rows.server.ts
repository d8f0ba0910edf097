// The rejected rows of an import as a CSV: the file's own header and cells,
// then the line and the reason — every rejected row, streamed a page at a time.
import type { Db } from "~/db/client.server";
import { csvStream, type CsvRow } from "../csv.server";

const PAGE = 1000;

export async function rejectedRowsCsv(db: Db, runId: number): Promise<ReadableStream<Uint8Array>> {
  const run = await db.importRun.findUniqueOrThrow({ where: { id: runId }, select: { header: true } });
  const header = (run.header as string[] | null) ?? [];
  async function* pages(): AsyncGenerator<readonly CsvRow[]> {
    let after = 0;
    for (;;) {
      const rows = await db.importRowOutcome.findMany({
        where: { runId, outcome: "REJECTED", line: { gt: after } },
        orderBy: { line: "asc" },
        take: PAGE,
        select: { line: true, reason: true, cells: true },
      });
      if (!rows.length) return;
      after = rows.at(-1)!.line;
      yield rows.map((r) => {
        const cells = (r.cells as string[] | null) ?? [];
        return [...header.map((_, i) => cells[i] ?? ""), r.line, r.reason ?? ""];
      });
    }
  }
  return csvStream([...header, "line", "reason"], pages());
}
