// Importing a hotel's guest, stay and charge files (merged into en.ts).
export const importsEn = {
  "nav.imports": "Import",
  "auditEntity.ImportRun": "Import",
  "imports.error.notUndoable": "This import cannot be undone (a dry run, unfinished, or already undone).",
  "imports.error.undoWindow": "The time to undo this import has passed.",
  "imports.error.changedSince": "Records of this import were changed since; nothing was undone.",
} as const;
