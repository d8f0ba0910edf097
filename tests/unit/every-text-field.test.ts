/// <reference types="vite/client" />
// Every field of every form schema in app/domain, probed with a NUL and a
// U+FFFD: each one refuses them or turns them into something without them
// (a checkbox, a number). A field that would let them through fails here,
// whatever helper it was built with. The only exceptions are values that are
// compared and never stored (passwords, a redirect target), listed below.
import { describe, expect, it } from "vitest";
import type { ZodTypeAny } from "zod";
import { textProblem } from "~/domain/safe-text";

const modules = import.meta.glob<Record<string, unknown>>("/app/domain/**/*-form{,s}.ts", { eager: true });

/** Compared with a stored hash or checked by safeRedirect, never stored as text. */
const UNSTORED = [
  "signInSchema.password",
  "signInSchema.redirectTo",
  "changePasswordSchema.currentPassword",
  "changePasswordSchema.confirmPassword",
];

type Field = { name: string; schema: ZodTypeAny };

/** The fields of every object inside a schema (through effects, pipes, defaults, unions, arrays). */
function fieldsOf(schema: ZodTypeAny, prefix: string, into: Field[] = []): Field[] {
  const def = schema._def as Record<string, any>;
  switch (def.typeName) {
    case "ZodObject":
      for (const [key, field] of Object.entries(def.shape() as Record<string, ZodTypeAny>)) {
        into.push({ name: `${prefix}.${key}`, schema: field });
        fieldsOf(field, `${prefix}.${key}`, into);
      }
      break;
    case "ZodEffects":
      fieldsOf(def.schema, prefix, into);
      break;
    case "ZodPipeline":
      fieldsOf(def.in, prefix, into);
      break;
    case "ZodOptional":
    case "ZodNullable":
    case "ZodDefault":
      fieldsOf(def.innerType, prefix, into);
      break;
    case "ZodArray":
      fieldsOf(def.type, prefix, into);
      break;
    case "ZodUnion":
    case "ZodDiscriminatedUnion":
      for (const option of def.options as ZodTypeAny[]) fieldsOf(option, prefix, into);
      break;
  }
  return into;
}

function allFields(): Field[] {
  const fields: Field[] = [];
  for (const exports of Object.values(modules))
    for (const [name, value] of Object.entries(exports)) {
      if (!name.endsWith("Schema")) continue;
      const schema = (typeof value === "function" ? value("2026-11-27") : value) as ZodTypeAny;
      fieldsOf(schema, name, fields);
    }
  return fields;
}

/** Any string in the parsed value that the character rule would refuse. */
function unsafeStringIn(value: unknown): string | null {
  if (typeof value === "string") return textProblem(value, { multiline: true }) ? value : null;
  if (Array.isArray(value)) return value.map(unsafeStringIn).find((v) => v !== null) ?? null;
  if (value && typeof value === "object")
    return (
      Object.values(value)
        .map(unsafeStringIn)
        .find((v) => v !== null) ?? null
    );
  return null;
}

describe("every text field of every form", () => {
  const fields = allFields();

  it("finds the forms (guests, complaints, campaigns, staff, holidays, legal holds …)", () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(11);
    const names = new Set(fields.map((f) => f.name));
    for (const name of [
      "guestFormSchema.fullName",
      "guestFormSchema.notes",
      "guestFormSchema.markers",
      "feedbackFormSchema.description",
      "handlingFormSchema.handling",
      "preferenceFormSchema.value",
      "campaignFormSchema.templateZh",
      "campaignFormSchema.companies",
      "audienceSchema.markers",
      "createStaffSchema.displayName",
      "createStaffSchema.username",
      "signInSchema.username",
      "holidayFormSchema.nameZh",
      "legalHoldFormSchema.legalHoldReason",
      "erasureFormSchema.reason",
      "referralFormSchema.note",
      "chargeFormSchema.description",
      "listCampaignFormSchema.name",
    ])
      expect(names, name).toContain(name);
    expect(fields.length).toBeGreaterThan(100);
  });

  it("lets no NUL, C1 control or U+FFFD through, alone or in a list", () => {
    const passedThrough = new Set<string>();
    for (const { name, schema } of fields)
      for (const typed of ["ok\u0000", "\uFFFDok", "ok\u0085", "\u0007"])
        for (const value of [typed, [typed]]) {
          const result = schema.safeParse(value);
          if (result.success && unsafeStringIn(result.data) !== null) passedThrough.add(name);
        }
    expect([...passedThrough].sort()).toEqual([...UNSTORED].sort());
  });
});
