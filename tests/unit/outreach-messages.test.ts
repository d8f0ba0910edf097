// Templates, the campaign and outcome forms, due dates, retry back-off and
// signed unsubscribe tokens: the pure parts of outreach.
import { afterEach, describe, expect, it } from "vitest";
import { audienceSchema, campaignFormSchema, outcomeFormSchema } from "~/domain/outreach/campaign-form";
import { dueDateFor } from "~/domain/outreach/plan-outreach.server";
import { renderTemplate, unknownPlaceholders, usesChinese } from "~/domain/outreach/render-message";
import { backoffMs, MAX_ATTEMPTS } from "~/domain/outreach/send-outreach.server";
import { readUnsubscribeToken, unsubscribeToken, unsubscribeUrl } from "~/domain/outreach/unsubscribe.server";

describe("renderTemplate", () => {
  it("fills every placeholder it has a value for, as often as it appears", () => {
    expect(
      renderTemplate("Dear {name}, {hotel} wishes you a happy {holiday} on {date}. {name}, enjoy {gift}! {offer}", {
        name: "John Smith",
        hotel: "Guest Archive Hotels",
        holiday: "Christmas",
        date: "2026-12-25",
        gift: "a box of fine tea",
        offer: "20% off",
      }),
    ).toBe(
      "Dear John Smith, Guest Archive Hotels wishes you a happy Christmas on 2026-12-25. John Smith, enjoy a box of fine tea! 20% off",
    );
  });

  it("fills Chinese templates", () => {
    expect(renderTemplate("尊敬的{name}：\n{hotel}祝您{holiday}快乐！", { name: "张三", hotel: "宾客档案酒店", holiday: "春节" })).toBe(
      "尊敬的张三：\n宾客档案酒店祝您春节快乐！",
    );
  });

  it("leaves an unknown placeholder as written and empties a known one without a value", () => {
    expect(renderTemplate("Hi {nmae}, {offer}.", { name: "Li", offer: "" })).toBe("Hi {nmae}, .");
    expect(renderTemplate("{profileNumber}", { profileNumber: undefined })).toBe("");
  });

  it("does not treat $ patterns in values as replacement patterns", () => {
    expect(renderTemplate("{offer}", { offer: "$& $1 $$ off" })).toBe("$& $1 $$ off");
  });

  it("lists unknown placeholders so marketing sees typos before activating", () => {
    expect(unknownPlaceholders("Dear {name}, {giftt} on {date} at {hotle}")).toEqual(["giftt", "hotle"]);
    expect(unknownPlaceholders("{name}{holiday}{date}{offer}{gift}{hotel}{profileNumber}")).toEqual([]);
  });

  it("writes in Chinese to guests whose language is Chinese, and in English to everyone else", () => {
    expect(usesChinese("zh-CN")).toBe(true);
    expect(usesChinese("en")).toBe(false);
    expect(usesChinese("ja")).toBe(false);
  });
});

describe("dueDateFor", () => {
  it("has greetings (e-mail, SMS) sent on the day itself", () => {
    expect(dueDateFor("EMAIL", "2027-02-06", "2027-01-28")).toBe("2027-02-06");
    expect(dueDateFor("SMS", "2027-02-28", "2027-02-22")).toBe("2027-02-28");
  });

  it("sends a greeting at once when the day has already passed", () => {
    expect(dueDateFor("EMAIL", "2027-02-01", "2027-02-03")).toBe("2027-02-03");
  });

  it("has things to prepare (mail, phone, in person) due at once", () => {
    expect(dueDateFor("MAIL", "2027-02-06", "2027-01-28")).toBe("2027-01-28");
    expect(dueDateFor("PHONE", "2027-02-06", "2027-01-28")).toBe("2027-01-28");
    expect(dueDateFor("IN_PERSON", "2027-02-06", "2027-01-28")).toBe("2027-01-28");
  });
});

describe("backoffMs", () => {
  it("waits 5, 10, 20, 40 minutes between attempts", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([5, 10, 20, 40].map((m) => m * 60_000));
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
  });
});

const form = (fields: Record<string, unknown>) =>
  campaignFormSchema.safeParse({
    name: "Spring Festival 2027",
    kind: "HOLIDAY",
    holidayId: "4",
    channel: "EMAIL",
    subjectEn: "Happy {holiday}",
    subjectZh: "{holiday}快乐",
    templateEn: "Dear {name}",
    templateZh: "尊敬的{name}",
    leadDays: "10",
    ...fields,
  });
const issuesOf = (result: ReturnType<typeof form>) =>
  result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));

describe("campaignFormSchema", () => {
  it("reads a complete holiday campaign with an empty audience", () => {
    const result = form({});
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({
      kind: "HOLIDAY",
      holidayId: 4,
      channel: "EMAIL",
      leadDays: 10,
      markers: [],
      segments: [],
      companies: [],
      keepGuestIds: false,
    });
    expect(result.data!.minVipLevel).toBeUndefined();
    expect(result.data!.eventDate).toBeUndefined();
  });

  it("asks for the holiday of a holiday campaign, and the date of an invitation or trial", () => {
    expect(issuesOf(form({ holidayId: "" }))).toEqual({ holidayId: "error.holidayNeeded" });
    expect(issuesOf(form({ kind: "EVENT_INVITATION", holidayId: "" }))).toEqual({ eventDate: "error.eventDateNeeded" });
    expect(issuesOf(form({ kind: "PRODUCT_TRIAL", holidayId: "", eventDate: "2026-13-01" }))).toEqual({ eventDate: "error.date" });
    expect(form({ kind: "EVENT_INVITATION", holidayId: "", eventDate: "2026-12-24" }).success).toBe(true);
    expect(form({ kind: "BIRTHDAY", holidayId: "" }).success).toBe(true);
  });

  it("keeps lead days within 0–90 and needs a name, subjects and templates", () => {
    expect(issuesOf(form({ leadDays: "91" }))).toEqual({ leadDays: "error.number" });
    expect(issuesOf(form({ leadDays: "-1" }))).toEqual({ leadDays: "error.number" });
    expect(form({ leadDays: "0" }).success).toBe(true);
    expect(issuesOf(form({ name: " ", subjectZh: "", templateEn: "" }))).toEqual({
      name: "error.required",
      subjectZh: "error.required",
      templateEn: "error.required",
    });
  });

  it("reads the audience: markers and segments from checkboxes, companies split on either comma, numbers", () => {
    const result = form({
      markers: "VIP",
      segments: ["CHAMPIONS", "AT_RISK_HIGH_VALUE"],
      companies: "Acme Ltd, 华为技术，\nTencent ,",
      minVipLevel: "2",
      lastStayWithinDays: "365",
      lastStayMoreThanDays: "",
      propertyId: "1",
      keepGuestIds: "on",
    });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({
      markers: ["VIP"],
      segments: ["CHAMPIONS", "AT_RISK_HIGH_VALUE"],
      companies: ["Acme Ltd", "华为技术", "Tencent"],
      minVipLevel: 2,
      lastStayWithinDays: 365,
      propertyId: 1,
      keepGuestIds: true,
    });
    expect(result.data!.lastStayMoreThanDays).toBeUndefined();
  });

  it("refuses unknown kinds, channels and segments, and VIP levels out of range", () => {
    expect(form({ kind: "SPAM" }).success).toBe(false);
    expect(form({ channel: "FAX" }).success).toBe(false);
    expect(issuesOf(form({ segments: ["WHALES"] }))).toMatchObject({ segments: "error.choice" });
    expect(issuesOf(form({ minVipLevel: "6" }))).toEqual({ minVipLevel: "error.number" });
  });
});

describe("audienceSchema and outcomeFormSchema", () => {
  it("accepts a saved audience and refuses a malformed one", () => {
    expect(audienceSchema.parse({})).toEqual({});
    expect(audienceSchema.parse({ markers: ["VIP"], minVipLevel: 3, segments: ["NEW"], guestIds: [1, 2] })).toEqual({
      markers: ["VIP"],
      minVipLevel: 3,
      segments: ["NEW"],
      guestIds: [1, 2],
    });
    expect(audienceSchema.safeParse({ minVipLevel: 9 }).success).toBe(false);
    expect(audienceSchema.safeParse({ segments: ["WHALES"] }).success).toBe(false);
    expect(audienceSchema.safeParse({ guestIds: Array.from({ length: 5001 }, (_, i) => i + 1) }).success).toBe(false);
  });

  it("reads an outcome: a task, SENT/DONE/SKIPPED and an optional note", () => {
    expect(outcomeFormSchema.parse({ taskId: "12", status: "DONE", outcome: "  Called, she was delighted  " })).toEqual({
      taskId: 12,
      status: "DONE",
      outcome: "Called, she was delighted",
    });
    expect(outcomeFormSchema.parse({ taskId: "12", status: "SKIPPED", outcome: "" })).toEqual({
      taskId: 12,
      status: "SKIPPED",
      outcome: undefined,
    });
    expect(outcomeFormSchema.safeParse({ taskId: "12", status: "PLANNED" }).success).toBe(false);
    expect(outcomeFormSchema.safeParse({ taskId: "0", status: "DONE" }).success).toBe(false);
  });
});

describe("unsubscribe tokens", () => {
  const saved = { APP_URL: process.env.APP_URL, UNSUBSCRIBE_SECRET: process.env.UNSUBSCRIBE_SECRET };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("round-trips the guest and channel", () => {
    expect(readUnsubscribeToken(unsubscribeToken(42, "EMAIL"))).toEqual({ guestId: 42, channel: "EMAIL" });
    expect(readUnsubscribeToken(unsubscribeToken(7, "SMS"))).toEqual({ guestId: 7, channel: "SMS" });
  });

  it("cannot be forged for another guest or channel, nor read when mangled", () => {
    const token = unsubscribeToken(42, "EMAIL");
    const [, signature] = token.split(".");
    expect(readUnsubscribeToken(`${Buffer.from("43.EMAIL").toString("base64url")}.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(`${Buffer.from("42.SMS").toString("base64url")}.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(`${token}x`)).toBeNull();
    expect(readUnsubscribeToken(token.slice(0, -1))).toBeNull();
    expect(readUnsubscribeToken("")).toBeNull();
    expect(readUnsubscribeToken("garbage")).toBeNull();
  });

  it("is signed with the configured secret: a token from another secret is refused", () => {
    process.env.UNSUBSCRIBE_SECRET = "secret-one";
    const token = unsubscribeToken(42, "EMAIL");
    process.env.UNSUBSCRIBE_SECRET = "secret-two";
    expect(readUnsubscribeToken(token)).toBeNull();
    process.env.UNSUBSCRIBE_SECRET = "secret-one";
    expect(readUnsubscribeToken(token)).toEqual({ guestId: 42, channel: "EMAIL" });
  });

  it("builds the link on APP_URL", () => {
    process.env.APP_URL = "https://crm.example.test/";
    expect(unsubscribeUrl(42, "EMAIL")).toBe(`https://crm.example.test/unsubscribe/${unsubscribeToken(42, "EMAIL")}`);
  });
});
