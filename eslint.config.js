// Lint rules for the whole project (run by `npm test` through `npm run lint`).
// Type-aware rules stay off: `tsc --noEmit` already checks types, and the
// type-aware pass would double the suite's lint time on a 2-core machine.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const noSkippedTests = {
  selector: "CallExpression[callee.property.name=/^(skip|only|todo)$/][callee.object.name=/^(it|test|describe)$/]",
  message: "No skipped, focused or todo tests.",
};
// Every text field goes through app/domain/forms.ts (which asks app/domain/safe-text.ts):
// NFC, trimmed, no control characters, no damaged text (issue 9).
const textThroughForms = [
  {
    selector: "MemberExpression[object.name='z'][property.name='string']",
    message: "Build text fields with requiredText/optionalText/textList from app/domain/forms.ts, not z.string().",
  },
  {
    selector: "MemberExpression[object.object.name='z'][object.property.name='coerce'][property.name='string']",
    message: "Build text fields with requiredText/optionalText/textList from app/domain/forms.ts, not z.coerce.string().",
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      "public/build/",
      "generated/",
      ".cache/",
      "test-results/",
      "playwright-report/",
      "bench/data/",
      "data/",
      "backups/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": ["error", noSkippedTests],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "jobs/**/*.ts", "scripts/**/*.ts", "prisma/**/*.ts"],
    ignores: ["app/domain/forms.ts"],
    rules: { "no-restricted-syntax": ["error", noSkippedTests, ...textThroughForms] },
  },
  prettier,
);
