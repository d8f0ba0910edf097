// The permission matrix: who may see ID numbers, spend, the audit register
// and the recycle bin.
import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission, type RoleName } from "~/auth/permissions";

const holders = (permission: Permission) => ROLES.filter((role) => can(role, permission));

describe("permission matrix", () => {
  it("keeps the front desk away from the audit register, recycle bin, full ID numbers and spend", () => {
    for (const permission of ["audit:view", "recycleBin:manage", "idDocument:viewFull", "spend:view", "guest:delete"] as const) {
      expect(can("FRONT_DESK", permission), permission).toBe(false);
    }
    for (const permission of [
      "guest:search",
      "guest:view",
      "guest:create",
      "guest:edit",
      "stay:add",
      "idDocument:viewMasked",
      "arrivals:view",
    ] as const) {
      expect(can("FRONT_DESK", permission), permission).toBe(true);
    }
  });

  it("shows marketing spend but no ID document at all", () => {
    expect(can("MARKETING", "spend:view")).toBe(true);
    expect(can("MARKETING", "idDocument:viewMasked")).toBe(false);
    expect(can("MARKETING", "idDocument:viewFull")).toBe(false);
    expect(can("MARKETING", "guest:edit")).toBe(false);
    expect(can("MARKETING", "preference:add")).toBe(true);
  });

  it("gives the audit register, recycle bin and full ID numbers only to archivists and admins", () => {
    expect(holders("audit:view")).toEqual(["ARCHIVIST", "ADMIN"]);
    expect(holders("recycleBin:manage")).toEqual(["ARCHIVIST", "ADMIN"]);
    expect(holders("idDocument:viewFull")).toEqual(["ARCHIVIST", "ADMIN"]);
    expect(holders("guest:delete")).toEqual(["ARCHIVIST", "ADMIN"]);
  });

  it("lets every role search and view guests", () => {
    expect(holders("guest:search")).toEqual([...ROLES]);
    expect(holders("guest:view")).toEqual([...ROLES]);
  });

  it("only names known roles, and a full-ID viewer can also see the masked one", () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      for (const role of roles) expect(ROLES, permission).toContain(role);
    }
    for (const role of ROLES) {
      if (can(role, "idDocument:viewFull")) expect(can(role, "idDocument:viewMasked"), role).toBe(true);
    }
  });

  it("refuses a role that does not exist", () => {
    expect(can("GUEST" as RoleName, "guest:view")).toBe(false);
  });
});
