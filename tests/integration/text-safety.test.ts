// No path stores a control character or damaged text (issue 9: a guest saved
// as "\uFFFD李新客"). Posted through the real routes: each refusal is a 400
// with a field error in the user's language, keeps what was typed, and writes
// nothing; a search with control characters answers, never a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { textProblem } from "~/domain/safe-text";
import { translate } from "~/i18n/i18n";
import { action as newGuestAction } from "~/routes/guests.new";
import { action as editGuestAction } from "~/routes/guests.$guestId_.edit";
import { action as profileAction } from "~/routes/guests.$guestId";
import { loader as searchPageLoader } from "~/routes/guests._index";
import { loader as searchApiLoader } from "~/routes/api.guests.search";
import { plantGuest, plantProperty, plantStaffMember } from "../support/fixtures";
import { requestWith, responseOf, signIn } from "../support/sign-in";

type Json = Record<string, any>;

let deskCookie: string;
let archivistCookie: string;
let propertyId: number;

beforeAll(async () => {
  propertyId = (await plantProperty("TXT")).id;
  const desk = await plantStaffMember("FRONT_DESK");
  deskCookie = await signIn(desk.username, "correct horse battery");
  const archivist = await plantStaffMember("ARCHIVIST");
  archivistCookie = await signIn(archivist.username, "correct horse battery");
});

/** Everything a save would write. */
async function rowCounts() {
  const [guests, keys, audit, timeline, feedback, sequence] = await Promise.all([
    db().guest.count(),
    db().guestSearchKey.count(),
    db().auditEntry.count({ where: { action: { not: "VIEW" } } }),
    db().timelineEvent.count(),
    db().feedback.count(),
    db().profileNumberSequence.findUnique({ where: { name: "guest" } }),
  ]);
  return { guests, keys, audit, timeline, feedback, sequence: sequence?.value ?? 0 };
}

const createGuest = (form: Record<string, string>) =>
  responseOf(() => newGuestAction({ request: requestWith(deskCookie, "/guests/new", form), params: {}, context: {} }));

const editGuest = (guestId: number, form: Record<string, string>) =>
  responseOf(() =>
    editGuestAction({
      request: requestWith(deskCookie, `/guests/${guestId}/edit`, form),
      params: { guestId: String(guestId) },
      context: {},
    }),
  );

const onProfile = (guestId: number, form: Record<string, string>, cookie = deskCookie) =>
  responseOf(() =>
    profileAction({ request: requestWith(cookie, `/guests/${guestId}`, form), params: { guestId: String(guestId) }, context: {} }),
  );

describe("creating a guest", () => {
  it("refuses a name with U+0000 or U+FFFD on the field, keeps what was typed, writes nothing", async () => {
    const before = await rowCounts();
    for (const [fullName, error] of [
      ["\u0000李新客", "error.controlCharacter"],
      ["\uFFFD李新客", "error.damagedText"],
      ["钱\u0000多多", "error.controlCharacter"],
      ["张叁\u0085", "error.controlCharacter"],
      ["李\n新客", "error.lineBreak"],
    ] as const) {
      const response = await createGuest({ fullName, phone: "13912345678", notes: "Quiet room" });
      expect(response.status, JSON.stringify(fullName)).toBe(400);
      const { result } = (await response.json()) as Json;
      expect(result.status).toBe("error");
      expect(result.error).toEqual({ fullName: [error] });
      // The form shows what was typed, so nothing has to be typed again.
      expect(result.initialValue).toMatchObject({ fullName, phone: "13912345678", notes: "Quiet room" });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a control character in any other field too (a one-line field refuses line breaks; the notes keep theirs)", async () => {
    const before = await rowCounts();
    const response = await createGuest({ fullName: "李新客", company: "携程\u0007", address: "88 Nanjing Road\n2F", notes: "a\u0000" });
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as Json;
    expect(result.error).toEqual({
      company: ["error.controlCharacter"],
      address: ["error.lineBreak"],
      notes: ["error.controlCharacter"],
    });
    expect(await rowCounts()).toEqual(before);
  });

  it("stores Chinese names exactly, in NFC, with the notes' line breaks", async () => {
    for (const fullName of ["李新客", "钱多多", "张叁", "𠮷田 花子 🌸"]) {
      const response = await createGuest({ fullName: ` ${fullName}\u3000`, notes: "Feather pillow.\r\nNo nuts.", confirmDuplicate: "on" });
      expect(response.status, fullName).toBe(302);
      const guestId = Number(response.headers.get("Location")!.split("/").pop());
      const row = await db().guest.findUniqueOrThrow({ where: { id: guestId } });
      expect(row.fullName).toBe(fullName);
      expect(row.notes).toBe("Feather pillow.\r\nNo nuts.");
    }
    const composed = await createGuest({ fullName: "Zoe\u0308 Martin", confirmDuplicate: "on" });
    const row = await db().guest.findUniqueOrThrow({ where: { id: Number(composed.headers.get("Location")!.split("/").pop()) } });
    expect(row.fullName).toBe("Zo\u00eb Martin");
  });

  it("says what is wrong in the user's language", () => {
    expect(translate("en", "error.controlCharacter")).toMatch(/control character/);
    expect(translate("zh-CN", "error.controlCharacter")).toMatch(/控制字符/);
    expect(translate("zh-CN", "error.damagedText")).toMatch(/损坏/);
  });
});

describe("editing a guest", () => {
  it("refuses a name with U+0000 or U+FFFD and leaves the profile as it was", async () => {
    const { guestId } = await plantGuest((await plantStaffMember("FRONT_DESK")).actor, { fullName: "王芳", notes: "Tea" });
    const stored = await db().guest.findUniqueOrThrow({ where: { id: guestId } });
    const before = await rowCounts();
    for (const [fullName, error] of [
      ["王\u0000芳", "error.controlCharacter"],
      ["\uFFFD王芳", "error.damagedText"],
    ] as const) {
      const response = await editGuest(guestId, { fullName, notes: "Tea", version: String(stored.version) });
      expect(response.status).toBe(400);
      const { result } = (await response.json()) as Json;
      expect(result.error).toEqual({ fullName: [error] });
      expect(result.initialValue).toMatchObject({ fullName, notes: "Tea" });
    }
    expect(await rowCounts()).toEqual(before);
    expect(await db().guest.findUniqueOrThrow({ where: { id: guestId } })).toEqual(stored);

    const saved = await editGuest(guestId, { fullName: "王芳", notes: "Tea\n\tjasmine", version: String(stored.version) });
    expect(saved.status).toBe(302);
    expect(await db().guest.findUniqueOrThrow({ where: { id: guestId } })).toMatchObject({ fullName: "王芳", notes: "Tea\n\tjasmine" });
  });
});

describe("a complaint", () => {
  const complaint = (description: string) => ({
    intent: "addFeedback",
    kind: "COMPLAINT",
    propertyId: String(propertyId),
    category: "NOISE",
    severity: "MEDIUM",
    department: "FRONT_OFFICE",
    description,
  });

  it("refuses a text with U+0007 on the field and records nothing; line breaks and tabs are kept", async () => {
    const { guestId } = await plantGuest((await plantStaffMember("FRONT_DESK")).actor, { fullName: "赵敏" });
    const before = await rowCounts();
    const refused = await onProfile(guestId, complaint("Music next door \u0007 until 2am"));
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as Json;
    expect(body).toMatchObject({ intent: "addFeedback", formKey: "addFeedback" });
    expect(body.result.error).toEqual({ description: ["error.controlCharacter"] });
    expect(body.result.initialValue).toMatchObject({ description: "Music next door \u0007 until 2am", category: "NOISE" });
    expect(await rowCounts()).toEqual(before);

    const recorded = await onProfile(guestId, complaint("Music next door\n\tuntil 2am"));
    expect(recorded.status).toBe(200);
    const row = await db().feedback.findFirstOrThrow({ where: { guestId } });
    expect(row.description).toBe("Music next door\n\tuntil 2am");
  });

  it("refuses a control character in a legal-hold reason, keeping what was typed", async () => {
    const { guestId } = await plantGuest((await plantStaffMember("FRONT_DESK")).actor, { fullName: "周芷若" });
    const before = await rowCounts();
    const refused = await onProfile(guestId, { intent: "legalHold", hold: "on", legalHoldReason: "court\u0000order" }, archivistCookie);
    expect(refused.status).toBe(400);
    const { result } = (await refused.json()) as Json;
    expect(result.error).toEqual({ legalHoldReason: ["error.controlCharacter"] });
    expect(result.initialValue).toMatchObject({ legalHoldReason: "court\u0000order" });
    expect(await rowCounts()).toEqual(before);
    expect((await onProfile(guestId, { intent: "legalHold", hold: "on", legalHoldReason: "" }, archivistCookie)).status).toBe(400);

    const held = await onProfile(guestId, { intent: "legalHold", hold: "on", legalHoldReason: " court order 2026-17 " }, archivistCookie);
    expect(held.status).toBe(200);
    expect(await db().guest.findUniqueOrThrow({ where: { id: guestId } })).toMatchObject({
      legalHold: true,
      legalHoldReason: "court order 2026-17",
    });
  });
});

describe("searching with control characters", () => {
  it("answers the page and the typeahead, cleaning the query (never a 500)", async () => {
    const { guestId } = await plantGuest((await plantStaffMember("FRONT_DESK")).actor, { fullName: "欧阳锋" });
    for (const q of ["\u0000欧阳锋", "欧阳\uFFFD锋", "欧阳锋\u0007\n", "\u0000\u0000"]) {
      const path = `?${new URLSearchParams({ q })}`;
      const api = await responseOf(() =>
        searchApiLoader({ request: requestWith(deskCookie, `/api/guests/search${path}`), params: {}, context: {} }),
      );
      expect(api.status, JSON.stringify(q)).toBe(200);
      const found = (await api.json()) as Json;
      expect(textProblem(found.q)).toBeNull();
      const page = await responseOf(() =>
        searchPageLoader({ request: requestWith(deskCookie, `/guests${path}`), params: {}, context: {} }),
      );
      expect(page.status).toBe(200);
      const shown = (await page.json()) as Json;
      expect(shown.q).toBe(found.q);
      if (found.q) expect(found.results.map((r: Json) => r.id)).toContain(guestId);
    }
  });
});
