// Staff administration through its routes: accounts with one-time passwords,
// role/property/department changes, deactivation and password resets that
// end sessions at once, one's own password change, the password rules — each
// change in the access register, written with it.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { verifyPassword } from "~/auth/password.server";
import { getStaff } from "~/auth/session.server";
import { DEPARTMENTS } from "~/domain/staff/departments";
import { passwordProblem } from "~/domain/staff/password-policy.server";
import { en } from "~/i18n/en";
import { zhCN } from "~/i18n/zh-CN";
import { action as newStaffAction, loader as newStaffLoader } from "~/routes/staff.new";
import { action as staffAction, loader as staffLoader } from "~/routes/staff.$staffId";
import { loader as staffListLoader } from "~/routes/staff._index";
import { action as changePasswordAction } from "~/routes/account.password";
import { plantProperty, plantStaffMember } from "../support/fixtures";
import { postLogin, requestWith, responseOf, signIn } from "../support/sign-in";

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "Lantern festival over the Bund";
const ONE_TIME = /^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/;

let adminCookie: string;
let admin: Awaited<ReturnType<typeof plantStaffMember>>;
let propertyId: number;

type Json = Record<string, any>;
const jsonOf = async (response: Response) => (await response.json()) as Json;

async function createAccount(form: Record<string, string>) {
  return responseOf(() => newStaffAction({ request: requestWith(adminCookie, "/staff/new", form), params: {}, context: {} }));
}

async function onAccount(staffId: number, form: Record<string, string>, cookie = adminCookie) {
  return responseOf(() =>
    staffAction({ request: requestWith(cookie, `/staff/${staffId}`, form), params: { staffId: String(staffId) }, context: {} }),
  );
}

async function changePassword(cookie: string, form: Record<string, string>, query = "") {
  return responseOf(() =>
    changePasswordAction({
      request: requestWith(cookie, `/account/password${query}`, form),
      params: {},
      context: { clientAddress: "198.51.100.10" },
    }),
  );
}

beforeAll(async () => {
  propertyId = (await plantProperty("STA")).id;
  admin = await plantStaffMember("ADMIN");
  adminCookie = await signIn(admin.username, PASSWORD);
});

describe("creating an account", () => {
  it("gives it a one-time password, shown once, that works once and must be changed at the first sign-in", async () => {
    const response = await createAccount({
      username: " Lin.Fang ",
      displayName: "Lin Fang 林芳",
      role: "FRONT_DESK",
      department: "FRONT_OFFICE",
      propertyId: String(propertyId),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const { created } = await jsonOf(response);
    expect(created.username).toBe("lin.fang");
    expect(created.oneTimePassword).toMatch(ONE_TIME);

    const row = await db().staff.findUniqueOrThrow({ where: { username: "lin.fang" } });
    expect(row).toMatchObject({ role: "FRONT_DESK", department: "FRONT_OFFICE", propertyId, active: true, mustChangePassword: true });
    expect(row.passwordHash).not.toContain(created.oneTimePassword);
    expect(await verifyPassword(created.oneTimePassword, row.passwordHash)).toBe(true);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "CREATE", entity: "Staff", entityId: row.id } });
    expect(audit.staffId).toBe(admin.id);
    expect(audit.changes).toMatchObject({
      username: "lin.fang",
      role: "FRONT_DESK",
      department: "FRONT_OFFICE",
      propertyId,
      password: "one-time",
    });
    expect(JSON.stringify(audit.changes)).not.toContain(created.oneTimePassword);

    // First sign-in: straight to the change-password page.
    const first = await postLogin("lin.fang", created.oneTimePassword, { address: "198.51.100.10" });
    expect(first.location).toBe("/account/password");
    const otherDevice = await signIn("lin.fang", created.oneTimePassword, "198.51.100.11");

    // A weak new password is refused with a field error, and nothing changes.
    const weak = await changePassword(first.cookie!, {
      currentPassword: created.oneTimePassword,
      newPassword: "password1234",
      confirmPassword: "password1234",
    });
    expect(weak.status).toBe(400);
    const weakBody = await jsonOf(weak);
    expect(weakBody.result.error).toEqual({ newPassword: ["password.weak"] });
    // Passwords are not sent back.
    expect(JSON.stringify(weakBody)).not.toContain("password1234");
    expect(JSON.stringify(weakBody)).not.toContain(created.oneTimePassword);
    expect((await db().staff.findUniqueOrThrow({ where: { id: row.id } })).mustChangePassword).toBe(true);

    const changed = await changePassword(
      first.cookie!,
      { currentPassword: created.oneTimePassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      "?redirectTo=%2Farrivals",
    );
    expect(changed.status).toBe(302);
    expect(changed.headers.get("Location")).toBe("/arrivals");
    const fresh = changed.headers.get("Set-Cookie")!.split(";")[0];
    expect(fresh).not.toBe(first.cookie);
    expect((await getStaff(requestWith(fresh, "/guests")))?.mustChangePassword).toBe(false);
    // The session that typed the one-time password, and every other one, have ended.
    expect(await getStaff(requestWith(first.cookie, "/guests"))).toBeNull();
    expect(await getStaff(requestWith(otherDevice, "/guests"))).toBeNull();
    // The one-time password works no more; the new one does, with no detour.
    expect((await postLogin("lin.fang", created.oneTimePassword)).status).toBe(401);
    expect((await postLogin("lin.fang", NEW_PASSWORD)).location).toBe("/guests");
    const changes = await db().auditEntry.findMany({ where: { entity: "Staff", entityId: row.id, action: "UPDATE" } });
    expect(changes.map((c) => c.changes)).toEqual([{ password: "one-time replaced", sessionsEnded: 2 }]);
  });

  it("keeps what was typed and says what is wrong, field by field", async () => {
    const response = await createAccount({ username: "Bad Name!", displayName: "", role: "OWNER", department: "", propertyId: "" });
    expect(response.status).toBe(400);
    const { result } = await jsonOf(response);
    expect(result.error).toMatchObject({
      username: ["staff.usernameInvalid"],
      displayName: ["error.required"],
      role: ["error.choice"],
      department: ["error.choice"],
    });
    expect(result.initialValue).toMatchObject({ username: "Bad Name!", role: "OWNER" });
    expect(await db().staff.count({ where: { username: "bad name!" } })).toBe(0);
  });

  it("refuses a username already taken (409, on the field) and a property that does not exist", async () => {
    const taken = await createAccount({ username: admin.username, displayName: "Someone", role: "MANAGER", department: "MANAGEMENT" });
    expect(taken.status).toBe(409);
    expect((await jsonOf(taken)).result.error).toEqual({ username: ["staff.usernameTaken"] });
    const noProperty = await createAccount({
      username: "nowhere",
      displayName: "No Where",
      role: "MANAGER",
      department: "MANAGEMENT",
      propertyId: "999999",
    });
    expect(noProperty.status).toBe(409);
    expect((await jsonOf(noProperty)).result.error).toEqual({ "": ["staff.noSuchProperty"] });
    expect(await db().staff.count({ where: { username: "nowhere" } })).toBe(0);
  });

  it("is for administrators only", async () => {
    const manager = await plantStaffMember("MANAGER");
    const cookie = await signIn(manager.username, PASSWORD);
    const request = requestWith(cookie, "/staff/new", { username: "sneaky", displayName: "S", role: "ADMIN", department: "IT" });
    expect((await responseOf(() => newStaffAction({ request, params: {}, context: {} }))).status).toBe(403);
    expect((await responseOf(() => newStaffLoader({ request: requestWith(cookie, "/staff/new"), params: {}, context: {} }))).status).toBe(
      403,
    );
    expect((await responseOf(() => staffListLoader({ request: requestWith(cookie, "/staff"), params: {}, context: {} }))).status).toBe(403);
    expect((await onAccount(admin.id, { intent: "deactivate" }, cookie)).status).toBe(403);
    expect(await db().staff.count({ where: { username: "sneaky" } })).toBe(0);
  });
});

describe("changing an account", () => {
  it("changes role, property and department, recording before and after", async () => {
    const member = await plantStaffMember("FRONT_DESK");
    const response = await onAccount(member.id, {
      intent: "update",
      role: "MANAGER",
      department: "FOOD_BEVERAGE",
      propertyId: String(propertyId),
    });
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).outcome).toBe("saved");
    expect(await db().staff.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({
      role: "MANAGER",
      department: "FOOD_BEVERAGE",
      propertyId,
    });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { entity: "Staff", entityId: member.id, action: "UPDATE" } });
    expect(audit.changes).toEqual({
      role: ["FRONT_DESK", "MANAGER"],
      department: ["TEST", "FOOD_BEVERAGE"],
      propertyId: [null, propertyId],
    });
    // The same values again change nothing and write nothing.
    const again = await onAccount(member.id, {
      intent: "update",
      role: "MANAGER",
      department: "FOOD_BEVERAGE",
      propertyId: String(propertyId),
    });
    expect((await jsonOf(again)).outcome).toBe("unchanged");
    expect(await db().auditEntry.count({ where: { entity: "Staff", entityId: member.id, action: "UPDATE" } })).toBe(1);
  });

  it("answers bad input with 400 and an unknown account with 404, never 500", async () => {
    const member = await plantStaffMember("FRONT_DESK");
    expect((await onAccount(member.id, { intent: "update", role: "MANAGER", department: "KITCHEN" })).status).toBe(400);
    expect((await onAccount(member.id, { intent: "promote" })).status).toBe(400);
    expect((await onAccount(member.id, {})).status).toBe(400);
    expect((await onAccount(999_999, { intent: "deactivate" })).status).toBe(404);
    const notFound = await responseOf(() =>
      staffLoader({ request: requestWith(adminCookie, "/staff/abc"), params: { staffId: "abc" }, context: {} }),
    );
    expect(notFound.status).toBe(404);
    const json = await responseOf(() =>
      staffAction({
        request: new Request(`http://localhost/staff/${member.id}`, {
          method: "POST",
          body: "{}",
          headers: { Cookie: adminCookie, "Content-Type": "application/json" },
        }),
        params: { staffId: String(member.id) },
        context: {},
      }),
    );
    expect(json.status).toBe(400);
  });
});

describe("deactivating and reactivating", () => {
  it("ends the account's sessions at once; it cannot sign in until reactivated", async () => {
    const member = await plantStaffMember("FRONT_DESK");
    const open = [await signIn(member.username, PASSWORD, "198.51.100.51"), await signIn(member.username, PASSWORD, "198.51.100.52")];
    const response = await onAccount(member.id, { intent: "deactivate" });
    expect((await jsonOf(response)).outcome).toBe("deactivated");
    for (const cookie of open) expect(await getStaff(requestWith(cookie, "/guests"))).toBeNull();
    expect(await db().staffSession.count({ where: { staffId: member.id, endReason: "deactivated" } })).toBe(2);
    expect((await postLogin(member.username, PASSWORD)).status).toBe(401);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { entity: "Staff", entityId: member.id, action: "UPDATE" } });
    expect(audit.changes).toEqual({ active: [true, false], sessionsEnded: 2 });

    await onAccount(member.id, { intent: "reactivate" });
    expect((await postLogin(member.username, PASSWORD)).status).toBe(302);
    expect(await db().auditEntry.count({ where: { entity: "Staff", entityId: member.id, action: "UPDATE" } })).toBe(2);
  });

  it("keeps one active administrator, and nobody deactivates or resets themselves", async () => {
    const own = await onAccount(admin.id, { intent: "deactivate" });
    expect(own.status).toBe(409);
    expect((await jsonOf(own)).result.error).toEqual({ "": ["staff.notYourself"] });
    expect((await jsonOf(await onAccount(admin.id, { intent: "resetPassword" }))).result.error).toEqual({ "": ["staff.notYourself"] });
    // Other administrators exist only in other test files' databases: here, this one is the last.
    await db().staff.updateMany({ where: { role: "ADMIN", id: { not: admin.id } }, data: { active: false } });
    const demote = await onAccount(admin.id, { intent: "update", role: "MANAGER", department: "IT" });
    expect(demote.status).toBe(409);
    expect((await jsonOf(demote)).result.error).toEqual({ "": ["staff.lastAdmin"] });
    expect((await db().staff.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    // With a second administrator, the first may step down.
    const second = await plantStaffMember("ADMIN");
    const secondCookie = await signIn(second.username, PASSWORD);
    expect((await onAccount(admin.id, { intent: "update", role: "MANAGER", department: "IT" }, secondCookie)).status).toBe(200);
    expect((await onAccount(second.id, { intent: "deactivate" }, secondCookie)).status).toBe(409);
    await db().staff.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  });
});

describe("resetting a password", () => {
  it("gives a new one-time password, ends every session, and the old password no longer works", async () => {
    const member = await plantStaffMember("MARKETING");
    const cookie = await signIn(member.username, PASSWORD);
    const response = await onAccount(member.id, { intent: "resetPassword" });
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const { outcome, reset } = await jsonOf(response);
    expect(outcome).toBe("reset");
    expect(reset).toMatchObject({ username: member.username });
    expect(reset.oneTimePassword).toMatch(ONE_TIME);
    expect(await getStaff(requestWith(cookie, "/guests"))).toBeNull();
    expect((await postLogin(member.username, PASSWORD)).status).toBe(401);
    expect((await postLogin(member.username, reset.oneTimePassword)).location).toBe("/account/password");
    const audit = await db().auditEntry.findFirstOrThrow({ where: { entity: "Staff", entityId: member.id, action: "UPDATE" } });
    expect(audit.changes).toEqual({ password: "reset", sessionsEnded: 1 });
  });
});

describe("changing one's own password", () => {
  it("needs the current password; wrong guesses count like wrong sign-ins", async () => {
    const member = await plantStaffMember("ARCHIVIST");
    const cookie = await signIn(member.username, PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await changePassword(cookie, {
        currentPassword: `not it ${i}`,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      });
      statuses.push(response.status);
      if (i === 0) expect((await jsonOf(response)).result.error).toEqual({ currentPassword: ["password.currentWrong"] });
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    expect(await verifyPassword(PASSWORD, (await db().staff.findUniqueOrThrow({ where: { id: member.id } })).passwordHash)).toBe(true);
  });

  it("goes back to the account page with a new session id; the other sessions end", async () => {
    const member = await plantStaffMember("MANAGER");
    const cookie = await signIn(member.username, PASSWORD, "198.51.100.61");
    const phone = await signIn(member.username, PASSWORD, "198.51.100.62");
    const response = await changePassword(cookie, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account?passwordChanged=1");
    const fresh = response.headers.get("Set-Cookie")!.split(";")[0];
    expect((await getStaff(requestWith(fresh, "/account")))?.id).toBe(member.id);
    expect(await getStaff(requestWith(cookie, "/account"))).toBeNull();
    expect(await getStaff(requestWith(phone, "/account"))).toBeNull();
    const audit = await db().auditEntry.findFirstOrThrow({ where: { entity: "Staff", entityId: member.id, action: "UPDATE" } });
    expect(audit.changes).toEqual({ password: "changed", sessionsEnded: 2 });
  });

  it("checks the confirmation and refuses the same password again", async () => {
    const member = await plantStaffMember("MANAGER");
    const cookie = await signIn(member.username, PASSWORD);
    const mismatch = await changePassword(cookie, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: "Lantern festival",
    });
    expect((await jsonOf(mismatch)).result.error).toEqual({ confirmPassword: ["password.mismatch"] });
    const same = await changePassword(cookie, { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect((await jsonOf(same)).result.error).toMatchObject({ newPassword: ["password.same"] });
    const long = "x".repeat(300);
    const tooLong = await changePassword(cookie, { currentPassword: PASSWORD, newPassword: long, confirmPassword: long });
    expect(tooLong.status).toBe(400);
    expect((await jsonOf(tooLong)).result.error).toMatchObject({ newPassword: ["password.tooLong"] });
  });
});

describe("password rules", () => {
  const person = { username: "lin.fang", displayName: "Lin Fang 林芳" };
  it.each([
    ["Abc123!xyz", "password.tooShort"],
    ["x".repeat(257), "password.tooLong"],
    ["password1234", "password.weak"],
    ["qwertyuiop12", "password.weak"],
    ["123456789012", "password.weak"],
    ["aaaaaaaaaaaa", "password.weak"],
    ["linfang12345", "password.weak"],
    ["lin.fang2026!", "password.weak"],
    ["guestarchive2026", "password.weak"],
    ["guest-archive-demo", "password.demo"],
    ["correct horse battery staple", null],
    ["Lantern festival over the Bund", null],
    ["k7mq-2hxp-9rtw-c4nz", null],
  ])("%j → %s", async (password, problem) => {
    expect(await passwordProblem(password, person)).toBe(problem);
  });
});

describe("the staff list", () => {
  it("shows role, home property, department, status and last sign-in, active first; deactivated ones on request", async () => {
    const member = await plantStaffMember("FRONT_DESK");
    await db().staff.update({ where: { id: member.id }, data: { propertyId, department: "HOUSEKEEPING" } });
    await signIn(member.username, PASSWORD);
    const gone = await plantStaffMember("FRONT_DESK");
    await onAccount(gone.id, { intent: "deactivate" });

    const list = await jsonOf(
      await responseOf(() => staffListLoader({ request: requestWith(adminCookie, "/staff"), params: {}, context: {} })),
    );
    const row = list.staff.find((s: Json) => s.id === member.id);
    expect(row).toMatchObject({ role: "FRONT_DESK", department: "HOUSEKEEPING", active: true, property: { code: "STA" } });
    expect(new Date(row.lastSignInAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(list.staff.some((s: Json) => s.id === gone.id)).toBe(false);
    expect(list.timeZone).toBe("Asia/Shanghai");

    const inactive = await jsonOf(
      await responseOf(() =>
        staffListLoader({ request: requestWith(adminCookie, "/staff?status=inactive&page=-4"), params: {}, context: {} }),
      ),
    );
    expect(inactive.staff.map((s: Json) => s.id)).toContain(gone.id);
    expect(inactive.staff.every((s: Json) => !s.active)).toBe(true);
    expect(inactive.page).toBe(1);
  });
});

describe("departments", () => {
  it("is one vocabulary, every entry translated in English and Chinese", () => {
    for (const d of DEPARTMENTS) {
      expect(en, d).toHaveProperty(`department.${d}`);
      expect(zhCN[`department.${d}` as keyof typeof zhCN], d).toBeTruthy();
    }
    expect(DEPARTMENTS).toEqual(
      expect.arrayContaining([
        "FRONT_OFFICE",
        "FOOD_BEVERAGE",
        "HOUSEKEEPING",
        "SALES",
        "CONCIERGE",
        "ENGINEERING",
        "MANAGEMENT",
        "ARCHIVE_CENTRE",
        "IT",
      ]),
    );
  });
});
