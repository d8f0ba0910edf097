// "Open" and "overdue" have one definition, used by the profile, the arrival
// brief, retention and the loyalty scores.
import { describe, expect, it } from "vitest";
import { isOpenComplaint, isOverdue, OPEN_STATUSES, openComplaintSql } from "~/domain/complaints/open-complaints";

const NOW = new Date("2026-12-01T10:00:00Z");

describe("open complaints", () => {
  it("are complaints not yet resolved or closed", () => {
    expect(OPEN_STATUSES).toEqual(["OPEN", "IN_PROGRESS"]);
    expect(isOpenComplaint({ kind: "COMPLAINT", status: "IN_PROGRESS" })).toBe(true);
    expect(isOpenComplaint({ kind: "COMPLAINT", status: "RESOLVED" })).toBe(false);
    expect(isOpenComplaint({ kind: "SUGGESTION", status: "OPEN" })).toBe(false);
    expect(openComplaintSql("f")).toBe(`f."kind" = 'COMPLAINT' AND f."status" IN ('OPEN', 'IN_PROGRESS')`);
  });

  it("are overdue once the deadline has passed, and only while open", () => {
    const complaint = { kind: "COMPLAINT", status: "OPEN", deadline: new Date(NOW.getTime() - 1) };
    expect(isOverdue(complaint, NOW)).toBe(true);
    expect(isOverdue({ ...complaint, deadline: NOW }, NOW)).toBe(false);
    expect(isOverdue({ ...complaint, status: "RESOLVED" }, NOW)).toBe(false);
    expect(isOverdue({ ...complaint, deadline: null }, NOW)).toBe(false);
  });
});
