// Every CSV the archive writes goes through here (csv-stringify): a UTF-8 BOM
// so Excel reads Chinese names as UTF-8, CRLF line ends, RFC 4180 quoting,
// and spreadsheet formulas neutralised — a text cell starting with = + - @,
// TAB or CR (or their full-width forms) gets a leading ' (OWASP "CSV
// injection"). Numbers the caller passes as numbers stay numbers, so -12 is
// still a negative figure; a guest named "-12" is text and is neutralised.
import { stringify, type Options } from "csv-stringify/sync";

/** A cell: text (neutralised when it could start a formula), a number (written as is), or empty. */
export type CsvCell = string | number | null | undefined;
export type CsvRow = readonly CsvCell[];

const OPTIONS: Options = { record_delimiter: "windows", escape_formulas: true };
const BOM = "\uFEFF";

/** A whole CSV file: BOM, then one CRLF-terminated line per row. */
export function csvDocument(rows: readonly CsvRow[]): string {
  return BOM + csvLines(rows);
}

/** Rows without the BOM (for the body of a stream). */
function csvLines(rows: readonly CsvRow[]): string {
  return rows.length ? stringify(rows as CsvCell[][], OPTIONS) : "";
}

/**
 * A large CSV streamed a batch at a time (analytics lists): the BOM and the
 * header first, then each batch as it is read. Cancelling the download stops
 * the reading.
 */
export function csvStream(header: CsvRow, batches: AsyncIterator<readonly CsvRow[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvDocument([header])));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(csvLines(next.value)));
    },
    async cancel() {
      await batches.return?.(undefined);
    },
  });
}

/**
 * `attachment` with an ASCII file name for old clients and the real one in
 * RFC 5987 form (`filename*`), so a Chinese name survives the download.
 */
export function attachmentDisposition(filename: string): string {
  // No path separators or characters a file system refuses, whatever the guest is called.
  const name = filename.replace(/[/\\:*?"<>|]/g, "_");
  const ascii =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]+/g, "_") || "download";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The download of a CSV: its type, its file name, and never cached (exports hold personal data). */
export function csvResponse(body: string | ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(filename),
      "Cache-Control": "private, no-store",
    },
  });
}
