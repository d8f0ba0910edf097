// One row of a guest file as the guest form's input: the cells a mapping names,
// written the way the form expects (a Chinese 男/女, a 1985/3/7 date), then the
// guest form's own rules decide (guest-form.ts) — an import has no second set.
import { guestFormSchema, ID_DOCUMENT_TYPES, LANGUAGES, type GuestFormInput } from "../guests/guest-form";
import type { ImportMapping } from "./import-columns";

export type MappedRow = Record<string, string>;
export type RowProblem = { field: string; message: string };
export type GuestRow = { externalId: string | null; input: GuestFormInput; given: (keyof GuestFormInput)[] };

/** The mapped cells of a row by field; empty cells are left out. */
export function mappedCells(header: readonly string[], cells: readonly string[], mapping: ImportMapping): MappedRow {
  const row: MappedRow = {};
  for (const [field, column] of Object.entries(mapping)) {
    const index = header.indexOf(column);
    // A leading ' is how a spreadsheet (and the rejected-rows file) keeps "+86 …" text: not part of the value.
    const value = (index >= 0 ? (cells[index] ?? "").trim() : "").replace(/^'(?=[=+\-@\t\r＝＋－＠])/, "");
    if (value) row[field] = value;
  }
  return row;
}

const GENDER_WORDS: Record<string, GuestFormInput["gender"]> = {
  男: "MALE",
  m: "MALE",
  male: "MALE",
  女: "FEMALE",
  f: "FEMALE",
  female: "FEMALE",
  其他: "OTHER",
  other: "OTHER",
  未知: "UNDISCLOSED",
  u: "UNDISCLOSED",
};

const LANGUAGE_WORDS: Record<string, string> = {
  中文: "zh-CN",
  汉语: "zh-CN",
  chinese: "zh-CN",
  zh: "zh-CN",
  英语: "en",
  english: "en",
  日语: "ja",
  japanese: "ja",
  韩语: "ko",
  korean: "ko",
};

/** "1985/3/7", "1985.03.07", "19850307", "1985年3月7日" → "1985-03-07"; anything else as written (the form refuses it). */
export function isoDateOf(text: string): string {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const parts = compact ?? /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(text);
  if (!parts) return text;
  return `${parts[1]}-${parts[2].padStart(2, "0")}-${parts[3].padStart(2, "0")}`;
}

/** A Chinese resident ID: 18 characters, the last a digit or X. */
const RESIDENT_ID = /^\d{17}[\dXx]$/;

function formValues(row: MappedRow): Record<string, unknown> {
  const values: Record<string, unknown> = { ...row };
  delete values.externalId;
  if (row.gender) values.gender = GENDER_WORDS[row.gender.toLowerCase()] ?? row.gender.toUpperCase();
  if (row.birthDate) values.birthDate = isoDateOf(row.birthDate);
  if (row.language) {
    const word = LANGUAGE_WORDS[row.language.toLowerCase()] ?? row.language;
    values.language = (LANGUAGES as readonly string[]).includes(word) ? word : "other";
  }
  if (row.idDocumentNumber && !row.idDocumentType) values.idDocumentType = RESIDENT_ID.test(row.idDocumentNumber) ? "RESIDENT_ID" : "OTHER";
  if (row.idDocumentType && !(ID_DOCUMENT_TYPES as readonly string[]).includes(row.idDocumentType))
    values.idDocumentType = /身份证/.test(row.idDocumentType)
      ? "RESIDENT_ID"
      : /护照|passport/i.test(row.idDocumentType)
        ? "PASSPORT"
        : "OTHER";
  // A file's contact details are the hotel's own records: the duplicate question is the matcher's.
  values.confirmDuplicate = "on";
  return values;
}

/** The row as guest form input, or the form's field errors (message keys). */
export function guestRowOf(row: MappedRow, today: string): { row: GuestRow } | { problems: RowProblem[] } {
  if (row.externalId && row.externalId.length > 100) return { problems: [{ field: "externalId", message: "error.tooLong" }] };
  const parsed = guestFormSchema(today).safeParse(formValues(row));
  if (!parsed.success)
    return { problems: parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ""), message: issue.message })) };
  const given = Object.keys(row).filter((f) => f !== "externalId") as (keyof GuestFormInput)[];
  if (row.idDocumentNumber && !given.includes("idDocumentType")) given.push("idDocumentType");
  return { row: { externalId: row.externalId ?? null, input: parsed.data, given } };
}
