// 导入酒店的客人、住店和消费文件（并入 zh-CN.ts）。
import type { importsEn } from "./imports.en";

export const importsZhCN: Record<keyof typeof importsEn, string> = {
  "nav.imports": "导入",
  "auditEntity.ImportRun": "导入",
  "imports.error.notUndoable": "此次导入无法撤销（试运行、未完成或已撤销）。",
  "imports.error.undoWindow": "此次导入的撤销期限已过。",
  "imports.error.changedSince": "此次导入的记录之后已被修改，未撤销任何内容。",
};
