// npm run import -- guests|stays|charges FILE [--dry-run] [--mapping FILE.json] [--property CODE] [--source NAME] [--rejected FILE]
// npm run import -- undo RUN_ID
// Imports a hotel's guest, stay or charge file (docs/decisions/020). Without
// --mapping the mapping its headers suggest is used, and a file whose required
// column cannot be matched is refused, naming the columns. Progress goes to
// stderr one line per batch; rejected rows go to FILE.rejected.csv. A run
// interrupted (crash, Ctrl-C) resumes where it stopped when started again on
// the same file. Audited as the system.
import "dotenv/config";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { createDb } from "../app/db/client.server";
import { databaseUrl } from "../app/db/provider";
import { SYSTEM_ACTOR } from "../app/domain/actor";
import { DomainError } from "../app/domain/errors";
import { IMPORT_KINDS, type ImportKind, type ImportMapping } from "../app/domain/imports/import-columns";
import { isReadable } from "../app/domain/imports/read-file.server";
import { rejectedRowsCsv } from "../app/domain/imports/rejected-rows.server";
import { ImportBusyError, ImportRefusedError, runImport, UnknownPropertyError } from "../app/domain/imports/run-import.server";
import { undoImport } from "../app/domain/imports/undo-import.server";
import { translate } from "../app/i18n/i18n";

const USAGE = `Usage:
  npm run import -- guests|stays|charges FILE [--dry-run] [--mapping FILE.json] [--property CODE] [--source NAME] [--rejected FILE]
  npm run import -- undo RUN_ID`;

const { values, positionals } = parseArgs({
  options: {
    "dry-run": { type: "boolean", default: false },
    mapping: { type: "string" },
    property: { type: "string" },
    source: { type: "string" },
    rejected: { type: "string" },
  },
  allowPositionals: true,
  strict: true,
});
const [command, target] = positionals;
const isKind = (k: string | undefined): k is ImportKind => (IMPORT_KINDS as readonly string[]).includes(k ?? "");
if ((!isKind(command) && command !== "undo") || !target) {
  console.error(USAGE);
  process.exit(2);
}

const db = createDb(databaseUrl());
try {
  if (command === "undo") {
    const result = await undoImport(db, SYSTEM_ACTOR, Number(target));
    console.log(`Import ${target} undone (${result.undone} records put back).`);
  } else {
    if (!(await isReadable(target))) throw new Error(`Cannot read ${target}`);
    let mapping: ImportMapping | undefined;
    if (values.mapping) mapping = JSON.parse(fs.readFileSync(values.mapping, "utf8")) as ImportMapping;
    const started = Date.now();
    const report = await runImport(db, SYSTEM_ACTOR, {
      kind: command as ImportKind,
      path: target,
      fileName: path.basename(target),
      dryRun: values["dry-run"],
      asOf: new Date(),
      mapping,
      propertyCode: values.property,
      source: values.source,
      progress: ({ line, counts }) => {
        const c = counts;
        console.error(
          `line ${line}: ${c.created} created, ${c.updated} updated, ${c.linked} linked, ${c.review} to review, ${c.unchanged} unchanged, ${c.rejected} rejected`,
        );
      },
    });
    const c = report.counts;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `${report.dryRun ? "Dry run" : "Import"} #${report.runId} of ${report.rowsRead} rows (${report.format}${report.encoding ? `, ${report.encoding}` : ""}) in ${seconds} s` +
        (report.resumedAfterLine ? `, resumed after line ${report.resumedAfterLine}` : ""),
    );
    console.log(
      `  mapping: ${Object.entries(report.mapping)
        .map(([field, header]) => `${field}←"${header}"`)
        .join(", ")}`,
    );
    console.log(
      `  created ${c.created}, updated ${c.updated}, linked to an existing guest ${c.linked}, sent to duplicate review ${c.review}, unchanged ${c.unchanged}, rejected ${c.rejected}`,
    );
    if (c.rejected) {
      const out = values.rejected ?? `${target}.rejected.csv`;
      await pipeline(Readable.fromWeb((await rejectedRowsCsv(db, report.runId)) as never), fs.createWriteStream(out));
      console.log(`  rejected rows with their line and reason: ${out}`);
    }
  }
} catch (error) {
  if (error instanceof ImportRefusedError) {
    console.error(`Refused: no column for ${error.missing.join(", ")}. The file's columns: ${error.headers.join(", ")}.`);
    console.error('Give a mapping with --mapping FILE.json ({"field": "column header"}).');
    process.exitCode = 1;
  } else if (error instanceof ImportBusyError || error instanceof UnknownPropertyError) {
    console.error(error.message);
    process.exitCode = 1;
  } else if (error instanceof DomainError) {
    console.error(translate("en", error.messageKey));
    process.exitCode = 1;
  } else throw error;
} finally {
  await db.$disconnect();
}
