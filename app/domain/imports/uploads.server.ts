// Files uploaded on the import page, kept on disk under a random token until
// imported (a dry run first, then the import of the same bytes). The token is
// the only name a request may give: never a path.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Db } from "~/db/client.server";
import { suggestMapping, type ImportKind, type ImportMapping } from "./import-columns";
import { inspectFile, readHead, readRows, type FileFacts } from "./read-file.server";

/** Larger files go through `npm run import`. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const PREVIEW_ROWS = 5;
const TOKEN = /^[0-9a-f]{32}$/;

export function uploadDir(): string {
  return process.env.IMPORT_UPLOAD_DIR || path.join(os.tmpdir(), "guest-archive-imports");
}

export function uploadPath(token: string): string | null {
  return TOKEN.test(token) ? path.join(uploadDir(), token) : null;
}

export type UploadPreview = {
  token: string;
  fileName: string;
  kind: ImportKind;
  facts: FileFacts;
  header: string[];
  preview: string[][];
  totalRows: number;
  suggested: ImportMapping;
};

async function countRows(file: string, facts: FileFacts): Promise<number> {
  let rows = -1; // the header
  for await (const _row of readRows(file, facts)) rows++;
  return Math.max(0, rows);
}

/** A saved mapping's fields whose header this file has. */
function savedFor(saved: ImportMapping, header: string[]): ImportMapping {
  return Object.fromEntries(Object.entries(saved).filter(([, column]) => header.includes(column)));
}

/** Stores the bytes and reads what the mapping step shows: header, first rows, suggested (or saved) mapping. */
export async function storeUpload(
  db: Db,
  input: { bytes: Uint8Array; fileName: string; kind: ImportKind; savedMappingId?: number },
): Promise<UploadPreview> {
  await fs.mkdir(uploadDir(), { recursive: true, mode: 0o700 });
  const token = randomBytes(16).toString("hex");
  const file = uploadPath(token)!;
  await fs.writeFile(file, input.bytes, { mode: 0o600 });
  return previewUpload(db, token, input.fileName, input.kind, input.savedMappingId);
}

export async function previewUpload(db: Db, token: string, fileName: string, kind: ImportKind, savedMappingId?: number) {
  const file = uploadPath(token);
  if (!file) throw new Error("Not an upload token");
  const facts = await inspectFile(file);
  const { header, rows } = await readHead(file, facts, PREVIEW_ROWS);
  const saved = savedMappingId ? await db.importMapping.findFirst({ where: { id: savedMappingId, kind } }) : null;
  const suggested = saved ? savedFor(saved.mapping as ImportMapping, header) : suggestMapping(kind, header);
  return { token, fileName, kind, facts, header, preview: rows.map((r) => r.cells), totalRows: await countRows(file, facts), suggested };
}

export async function saveMapping(db: Db, staffId: number | null, kind: ImportKind, name: string, mapping: ImportMapping) {
  return db.importMapping.upsert({
    where: { kind_name: { kind, name } },
    create: { kind, name, mapping, createdById: staffId },
    update: { mapping },
  });
}
