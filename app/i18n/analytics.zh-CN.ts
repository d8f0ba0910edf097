// 简体中文：analytics 页面（合并进 zh-CN.ts）。
import type { analyticsEn } from "./analytics.en";

export const analyticsZhCN: Record<keyof typeof analyticsEn, string> = {
  "nav.analytics": "忠诚度分析",
};
