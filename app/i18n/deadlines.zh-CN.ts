// 报警督办：逾期看板（并入 zh-CN.ts）。
import type { deadlinesEn } from "./deadlines.en";

export const deadlinesZhCN: Record<keyof typeof deadlinesEn, string> = {
  "nav.overdue": "逾期督办",
  "overdue.title": "逾期督办",
  "overdue.intro":
    "超过受理时限或解决时限的投诉，以及超过其等级允许天数未联系的VIP。时限任务先通知值班经理，再通知总经理；每一步只通知一次。",
  "overdue.allProperties": "全部酒店",
  "overdue.filter": "显示",
  "overdue.complaints": "{count, plural, =0 {没有逾期投诉} other {#条逾期投诉}}",
  "overdue.vips": "{count, plural, =0 {没有待联系的VIP} other {#位VIP未联系}}",
  "overdue.guest": "宾客",
  "overdue.complaint": "投诉",
  "overdue.acknowledgeBy": "受理时限",
  "overdue.resolveBy": "解决时限",
  "overdue.acknowledgedAt": "已于{when}受理",
  "overdue.escalated": "已督办",
  "overdue.notYet": "尚未（时限任务下次运行时）",
  "overdue.noOne": "无人可通知",
  "overdue.noComplaints": "所有未结投诉都在时限内。",
  "overdue.noVips": "所有VIP都在其等级天数内联系过。",
  "overdue.vipDue": "应于{when}前联系",
  "overdue.step.COMPLAINT_ACKNOWLEDGE.1": "未受理：已通知值班经理",
  "overdue.step.COMPLAINT_ACKNOWLEDGE.2": "未受理：已通知总经理",
  "overdue.step.COMPLAINT_RESOLVE.1": "未解决：已通知值班经理",
  "overdue.step.COMPLAINT_RESOLVE.2": "仍未解决：已通知总经理",
  "overdue.step.VIP_NOT_CONTACTED.1": "VIP未联系：已通知市场部",
  "overdue.step.VIP_NOT_CONTACTED.2": "VIP未联系：已通知市场部",
  "auditEntity.OverdueBoard": "逾期督办看板",
  "feedback.acknowledgeBy": "受理时限",
};
