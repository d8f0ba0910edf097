// 简体中文：outreach 页面（合并进 zh-CN.ts）。
import type { outreachEn } from "./outreach.en";

export const outreachZhCN: Record<keyof typeof outreachEn, string> = {
  "nav.outreach": "客户关怀",
};
