// Which characters a text field stores (issue 9: names saved as "\uFFFD李新客"):
// every class of refused character, the names and emoji that must pass
// unchanged, and the form helpers every schema builds its text fields from.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { optionalText, requiredText, textList } from "~/domain/forms";
import { deskQuery, queryPrefixes } from "~/domain/guests/search-keys";
import { normaliseText, stripUnsafeText, textProblem } from "~/domain/safe-text";
import { en } from "~/i18n/en";
import { zhCN } from "~/i18n/zh-CN";

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const C0_EXCEPT_TAB_LF_CR = range(0x00, 0x1f).filter((cp) => ![0x09, 0x0a, 0x0d].includes(cp));
const DEL_AND_C1 = range(0x7f, 0x9f);
const NONCHARACTERS = [...range(0xfdd0, 0xfdef), ...range(0, 16).flatMap((plane) => [plane * 0x10000 + 0xfffe, plane * 0x10000 + 0xffff])];

describe("textProblem", () => {
  it("refuses every C0 control but TAB, LF and CR, in one-line and multi-line fields alike", () => {
    expect(C0_EXCEPT_TAB_LF_CR).toHaveLength(29);
    for (const cp of C0_EXCEPT_TAB_LF_CR) {
      const text = `张${String.fromCodePoint(cp)}三`;
      expect(textProblem(text), hex(cp)).toBe("error.controlCharacter");
      expect(textProblem(text, { multiline: true }), hex(cp)).toBe("error.controlCharacter");
    }
  });

  it("refuses DEL and every C1 control (U+007F–U+009F)", () => {
    for (const cp of DEL_AND_C1) {
      expect(textProblem(`a${String.fromCodePoint(cp)}b`), hex(cp)).toBe("error.controlCharacter");
      expect(textProblem(`a${String.fromCodePoint(cp)}b`, { multiline: true }), hex(cp)).toBe("error.controlCharacter");
    }
    // The neighbours are ordinary characters: "~" and the no-break space.
    expect(textProblem("a~b")).toBeNull();
    expect(textProblem("a\u00a0b")).toBeNull();
  });

  it("allows TAB, LF and CR only in multi-line fields", () => {
    for (const separator of ["\t", "\n", "\r", "\r\n"]) {
      expect(textProblem(`first${separator}second`), JSON.stringify(separator)).toBe("error.lineBreak");
      expect(textProblem(`first${separator}second`, { multiline: true }), JSON.stringify(separator)).toBeNull();
    }
  });

  it("refuses the replacement character, lone surrogates and every noncharacter", () => {
    expect(textProblem("\uFFFD李新客")).toBe("error.damagedText");
    expect(textProblem("\uFFFD李新客", { multiline: true })).toBe("error.damagedText");
    expect(textProblem("a\uD800b")).toBe("error.damagedText"); // a high surrogate alone
    expect(textProblem("a\uDFFFb")).toBe("error.damagedText"); // a low surrogate alone
    expect(textProblem("\uDE00\uD83D")).toBe("error.damagedText"); // a pair in the wrong order
    expect(NONCHARACTERS).toHaveLength(66);
    for (const cp of NONCHARACTERS) expect(textProblem(`x${String.fromCodePoint(cp)}`), hex(cp)).toBe("error.damagedText");
    // Around them, ordinary characters: U+FDCF, U+FDF0, U+FFFC, U+1FFFD.
    for (const cp of [0xfdcf, 0xfdf0, 0xfffc, 0x1fffd]) expect(textProblem(String.fromCodePoint(cp)), hex(cp)).toBeNull();
  });

  it("lets Chinese names, names in other scripts and emoji through", () => {
    for (const text of [
      "李新客",
      "钱多多",
      "张叁",
      "𠮷野家", // a character outside the BMP (a surrogate pair)
      "Zoë Müller-Lüdenscheidt",
      "O'Brien",
      "Ngô Bảo Châu",
      "Алексей",
      "محمد",
      "山田 太郎",
      "😀 🎂 🇨🇳",
      "👨‍👩‍👧‍👦", // a ZWJ family
      "👍🏽", // a skin-tone modifier
      "Room 1508 · 88 号",
    ])
      expect(textProblem(text), text).toBeNull();
  });

  it("passes any text of Han characters, letters and emoji", () => {
    const pieces = fc.constantFrom(
      ..."李新客钱多多张叁王芳𠮷abcXYZ é-· 😀🎉🇨🇳👍🏽".match(/\p{Extended_Pictographic}\p{Emoji_Modifier}?|\p{Regional_Indicator}{2}|./gu)!,
    );
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 30 }), (parts) => {
        const text = normaliseText(parts.join(""));
        expect(textProblem(text)).toBeNull();
        expect(requiredText(200).safeParse(parts.join("")).data ?? "").toBe(text);
      }),
    );
  });
});

describe("normaliseText", () => {
  it("composes to NFC and trims every kind of space", () => {
    expect(normaliseText("Zoe\u0308")).toBe("Zoë");
    expect(normaliseText("Zoe\u0308")).toHaveLength(3);
    expect(normaliseText("\u3000 张三\t\n")).toBe("张三");
    expect(normaliseText("李新客")).toBe("李新客");
  });
});

describe("the form helpers every text field is built from", () => {
  const issues = (schema: z.ZodTypeAny, value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it("requiredText: NFC and trimmed, refused with one field error per problem", () => {
    const name = requiredText(100);
    expect(name.parse("  李新客 ")).toBe("李新客");
    expect(name.parse("Zoe\u0308")).toBe("Zoë");
    expect(issues(name, "\u0000李新客")).toEqual(["error.controlCharacter"]);
    expect(issues(name, "\uFFFD李新客")).toEqual(["error.damagedText"]);
    expect(issues(name, "李\n新客")).toEqual(["error.lineBreak"]);
    expect(issues(name, "   ")).toEqual(["error.required"]);
    expect(issues(name, undefined)).toEqual(["error.required"]);
    expect(issues(name, "x".repeat(101))).toEqual(["error.tooLong"]);
    // Trailing line breaks from a paste are trimmed, not refused.
    expect(name.parse("张三\r\n")).toBe("张三");
  });

  it("multi-line texts keep their line breaks and tabs, and refuse the rest", () => {
    const notes = optionalText(2000, { multiline: true });
    expect(notes.parse("Quiet room.\r\n\tFeather pillow.")).toBe("Quiet room.\r\n\tFeather pillow.");
    expect(issues(notes, "Bell\u0007 rang")).toEqual(["error.controlCharacter"]);
    expect(issues(notes, "ok\uFFFD")).toEqual(["error.damagedText"]);
  });

  it("optionalText: blank is absent; the other rules as for requiredText", () => {
    const company = optionalText(120);
    expect(company.parse("")).toBeUndefined();
    expect(company.parse(" \u3000 ")).toBeUndefined();
    expect(company.parse(undefined)).toBeUndefined();
    expect(company.parse(" 携程 ")).toBe("携程");
    expect(issues(company, "\u0000")).toEqual(["error.controlCharacter"]);
    expect(issues(company, "a\u0085b")).toEqual(["error.controlCharacter"]);
  });

  it("textList: every value of a multi-select is checked", () => {
    expect(textList(40).parse("VIP")).toEqual(["VIP"]);
    expect(textList(40).parse(["VIP", " CORP "])).toEqual(["VIP", "CORP"]);
    expect(issues(textList(40), ["VIP", "C\u0000RP"])).toEqual(["error.controlCharacter"]);
  });

  it("a form may name its own message for refused characters (the sign-in form stays vague)", () => {
    expect(issues(requiredText(64, { messages: { unsafe: "login.invalid" } }), "de\u0000sk")).toEqual(["login.invalid"]);
  });

  it("every message is translated into English and Simplified Chinese", () => {
    for (const key of ["error.controlCharacter", "error.lineBreak", "error.damagedText"] as const) {
      expect(en[key]).toMatch(/[a-z]/);
      expect(zhCN[key]).toMatch(/\p{Script=Han}/u);
      // The messages themselves never show a damaged character.
      expect(textProblem(en[key]) ?? textProblem(zhCN[key])).toBeNull();
    }
  });
});

describe("search queries are cleaned, not refused", () => {
  it("drops control characters and damaged text, turns line breaks into spaces", () => {
    expect(stripUnsafeText("\u0000李\uFFFD新客\u0007")).toBe("李新客");
    expect(stripUnsafeText("zhang\tsan\n")).toBe("zhang san");
    expect(stripUnsafeText("a\uD800b")).toBe("ab");
    expect(stripUnsafeText("😀 张叁")).toBe("😀 张叁");
  });

  it("bounds the query at 100 characters without leaving half an emoji", () => {
    expect(deskQuery(null)).toBe("");
    expect(deskQuery("x".repeat(99) + "😀")).toBe("x".repeat(99));
    expect(deskQuery("李新客".repeat(50))).toHaveLength(100);
  });

  it("looks up the same keys with or without the control characters", () => {
    expect(queryPrefixes("\u0000李新客\u0000")).toEqual(queryPrefixes("李新客"));
    expect(queryPrefixes("zhang\u0000s")).toEqual(queryPrefixes("zhangs"));
    expect(queryPrefixes("\u0000\u0007")).toEqual({ prefixes: [], roomNumber: null, refinement: null });
  });
});
