// Which characters the archive stores: the one home of that rule. Every text
// field of every form is built by forms.ts from these functions; the desk
// search strips what they refuse. Control characters are invisible on screen,
// break CSV and e-mail, and PostgreSQL text cannot hold NUL; U+FFFD, lone
// surrogates and noncharacters are what broken decoding or copying leaves
// behind (issue 9: names saved as "\uFFFD李新客"). Browser-safe.

/** Keys of the translated messages a text field can fail with. */
export type TextProblem = "error.controlCharacter" | "error.lineBreak" | "error.damagedText";

export type TextKind = { multiline?: boolean };

// C0 controls except TAB, LF and CR; DEL; the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LINE_BREAK_OR_TAB = /[\t\n\r]/u;
// U+FFFD; lone surrogates (with the u flag a proper pair is one code point and
// does not match); the noncharacters U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of all 17 planes.
const NONCHARACTERS = Array.from({ length: 17 }, (_, plane) => {
  const prefix = plane === 0 ? "" : plane.toString(16).toUpperCase();
  return `\\u{${prefix}FFFE}\\u{${prefix}FFFF}`;
}).join("");
const DAMAGED = new RegExp(`[\\uFFFD\\uD800-\\uDFFF\\uFDD0-\\uFDEF${NONCHARACTERS}]`, "u");

/** NFC and trimmed: the form in which text is checked and stored. */
export function normaliseText(text: string): string {
  return text.normalize("NFC").trim();
}

/**
 * Why `text` cannot be stored, or null when it can. TAB, LF and CR are
 * allowed only in multi-line fields (notes, complaint texts, templates).
 */
export function textProblem(text: string, { multiline = false }: TextKind = {}): TextProblem | null {
  if (DAMAGED.test(text)) return "error.damagedText";
  if (CONTROL.test(text)) return "error.controlCharacter";
  if (!multiline && LINE_BREAK_OR_TAB.test(text)) return "error.lineBreak";
  return null;
}

const CONTROL_ALL = new RegExp(CONTROL.source, "gu");
const DAMAGED_ALL = new RegExp(DAMAGED.source, "gu");
const LINE_BREAK_OR_TAB_ALL = new RegExp(LINE_BREAK_OR_TAB.source, "gu");

/**
 * For input that is read, never stored (a search box): what `textProblem`
 * would refuse is dropped (line breaks and tabs become spaces), then
 * normalised like stored text.
 */
export function stripUnsafeText(text: string): string {
  return normaliseText(text.replace(DAMAGED_ALL, "").replace(CONTROL_ALL, "").replace(LINE_BREAK_OR_TAB_ALL, " "));
}

/** Text made safe to place inside HTML (e-mail bodies, pages written by hand). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
