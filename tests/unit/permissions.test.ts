// The README's permission matrix must say exactly what the code enforces.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES } from "~/auth/permissions";

function readmeMatrix() {
  const readme = fs.readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("<!-- permission-matrix:start -->"), readme.indexOf("<!-- permission-matrix:end -->"));
  const rows = section.split("\n").filter((line) => line.startsWith("| `"));
  return new Map(
    rows.map((line) => {
      const cells = line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
      const permission = cells[0].replace(/`/g, "");
      return [permission, ROLES.filter((_, i) => cells[i + 2] === "✓")];
    }),
  );
}

describe("permission matrix", () => {
  it("README lists every permission with the roles the code grants", () => {
    const documented = readmeMatrix();
    expect([...documented.keys()].sort()).toEqual(Object.keys(PERMISSIONS).sort());
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      expect(documented.get(permission), permission).toEqual(ROLES.filter((r) => (roles as readonly string[]).includes(r)));
    }
  });

  it("lets whoever records or handles complaints read them", () => {
    for (const permission of ["complaint:add", "complaint:handle"] as const)
      for (const role of PERMISSIONS[permission]) expect(can(role, "complaint:read"), `${role} ${permission}`).toBe(true);
  });
});
