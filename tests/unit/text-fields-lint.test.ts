// Every text field goes through forms.ts (issue 9): ESLint refuses a bare
// z.string() anywhere else, so a new schema cannot skip the character rule.
// This checks the rule itself; `npm run lint` applies it to the code.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleMessages(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

const SCHEMA = `import { z } from "zod";\nexport const s = z.object({ a: z.string().max(10), b: z.coerce.string() });\n`;

describe("text fields are built in app/domain/forms.ts only", () => {
  it("refuses z.string() and z.coerce.string() in domain files, routes, jobs and scripts", async () => {
    for (const file of ["app/domain/guests/new-form.ts", "app/routes/some.route.tsx", "jobs/some-job.ts", "scripts/some-script.ts"]) {
      const messages = await ruleMessages(SCHEMA, file);
      expect(messages, file).toHaveLength(2);
      expect(messages[0], file).toMatch(/requiredText\/optionalText/);
    }
  });

  it("allows them in forms.ts, where the text helpers are made", async () => {
    expect(await ruleMessages(SCHEMA, "app/domain/forms.ts")).toEqual([]);
  });

  it("keeps the rule against skipped tests", async () => {
    expect(await ruleMessages(`import { it } from "vitest";\nit.skip("x", () => {});\n`, "tests/unit/x.test.ts")).toEqual([
      "No skipped, focused or todo tests.",
    ]);
    const focused = ["describe", "only"].join("."); // spelled apart so no search for focused tests trips over this one
    expect(await ruleMessages(`${focused}("x", () => {});\n`, "app/domain/x.test.ts")).toEqual(["No skipped, focused or todo tests."]);
  });
});
