// Reading an import file as rows of text cells, streamed: CSV in UTF-8 (with or
// without BOM), UTF-16 (by its BOM) or GBK/GB18030 (a file that is not valid
// UTF-8 — what Excel on a Chinese Windows writes), and XLSX (the first sheet).
// A first pass hashes the file and checks UTF-8; the second decodes and
// parses, so memory stays flat whatever the file's size.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import iconv from "iconv-lite";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";

export type FileFormat = "csv" | "xlsx";
export type TextEncoding = "utf8" | "utf16le" | "utf16be" | "gb18030";
export type FileFacts = { format: FileFormat; encoding: TextEncoding | null; sha256: string; bytes: number };
/** A data row: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export type FileRow = { line: number; cells: string[] };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Which encoding a CSV's bytes are in: a BOM decides; otherwise strict UTF-8, else GB18030 (a superset of GBK). */
export async function inspectFile(path: string): Promise<FileFacts> {
  const hash = createHash("sha256");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let head: Buffer | null = null;
  let validUtf8 = true;
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (!head) head = chunk.subarray(0, 4);
    hash.update(chunk);
    bytes += chunk.length;
    if (validUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
  }
  if (validUtf8) {
    try {
      utf8.decode();
    } catch {
      validUtf8 = false;
    }
  }
  const sha256 = hash.digest("hex");
  head ??= Buffer.alloc(0);
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return { format: "xlsx", encoding: null, sha256, bytes };
  let encoding: TextEncoding;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) encoding = "utf8";
  else if (head[0] === 0xff && head[1] === 0xfe) encoding = "utf16le";
  else if (head[0] === 0xfe && head[1] === 0xff) encoding = "utf16be";
  else encoding = validUtf8 ? "utf8" : "gb18030";
  return { format: "csv", encoding, sha256, bytes };
}

/** A cell of a spreadsheet as text: dates as ISO calendar dates, rich text and formulas by what they show. */
function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return value.result == null ? "" : cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return String(value);
}

async function* csvRows(path: string, encoding: TextEncoding): AsyncGenerator<FileRow> {
  // iconv strips the BOM of each encoding.
  const text = createReadStream(path).pipe(iconv.decodeStream(encoding));
  const parser = text.pipe(parse({ relax_column_count: true, skip_empty_lines: true, trim: true }));
  let line = 0;
  for await (const cells of parser as AsyncIterable<string[]>) {
    line++;
    yield { line, cells };
  }
}

async function* xlsxRows(path: string): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: "cache", hyperlinks: "ignore", styles: "cache" });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      const cells = Array.from(values, (v) => cellText(v as ExcelJS.CellValue).trim());
      if (cells.some((c) => c !== "")) yield { line: row.number, cells };
    }
    return; // the first sheet only
  }
}

/** Every row of the file, the header first (line 1 for a CSV; the sheet's own row number for XLSX). */
export function readRows(path: string, facts: FileFacts): AsyncGenerator<FileRow> {
  return facts.format === "xlsx" ? xlsxRows(path) : csvRows(path, facts.encoding!);
}

/** The header and the first `count` data rows (the upload page's preview and mapping suggestion). */
export async function readHead(path: string, facts: FileFacts, count: number): Promise<{ header: string[]; rows: FileRow[] }> {
  let header: string[] | null = null;
  const rows: FileRow[] = [];
  const iterator = readRows(path, facts);
  for await (const row of iterator) {
    if (!header) header = row.cells;
    else rows.push(row);
    if (rows.length >= count) break;
  }
  await iterator.return(undefined);
  return { header: header ?? [], rows };
}

/** True when the path holds a file at all (the CLI's first check). */
export async function isReadable(path: string): Promise<boolean> {
  try {
    await (await open(path, "r")).close();
    return true;
  } catch {
    return false;
  }
}
