// No shared default password outside the demo: DEMO=false means no demo
// accounts, the demo password opens nothing, and the first administrator
// comes from `npm run staff -- create-admin` with a one-time password.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { hashPassword } from "~/auth/password.server";
import { DEMO_LOGINS, DEMO_PASSWORD } from "~/config/demo-logins";
import { isDemoMode } from "~/config/demo-mode.server";
import { loader as rootLoader } from "~/root";
import { seedReferenceRows } from "../../prisma/seed/reference-rows.server";
import { postLogin, requestWith, responseOf } from "../support/sign-in";
import { action as changePasswordAction } from "~/routes/account.password";

const require = createRequire(import.meta.url);

afterEach(() => {
  delete process.env.DEMO;
});

function staffCli(...args: string[]) {
  const result = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/staff.ts", ...args], {
    env: { ...process.env, DEMO: "false" },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("demo mode", () => {
  it("is on unless DEMO says false", () => {
    for (const value of [undefined, "", "true", "1", "yes", "TRUE"]) expect(isDemoMode({ DEMO: value }), String(value)).toBe(true);
    for (const value of ["false", "0", "no", "False"]) expect(isDemoMode({ DEMO: value }), value).toBe(false);
    expect(() => isDemoMode({ DEMO: "maybe" })).toThrow(/DEMO/);
  });

  it("tells every page it is a demo, and not once DEMO=false", async () => {
    const page = async () =>
      (await (await responseOf(() => rootLoader({ request: requestWith(null, "/login"), params: {}, context: {} }))).json()) as {
        demo: boolean;
      };
    expect((await page()).demo).toBe(true);
    process.env.DEMO = "false";
    expect((await page()).demo).toBe(false);
  });

  it("with DEMO=false, the seed's reference rows come without any demo account", async () => {
    process.env.DEMO = "false";
    const refs = await seedReferenceRows(db());
    expect(refs.staffCreated).toEqual([]);
    expect(await db().staff.count({ where: { username: { in: DEMO_LOGINS.map((l) => l.username) } } })).toBe(0);
    expect(await db().property.count()).toBeGreaterThan(0);
  });

  it("with DEMO=false, the demo password opens no session, even on an account that still has it", async () => {
    await db().staff.create({
      data: {
        username: "old-demo-admin",
        displayName: "Old demo",
        role: "ADMIN",
        department: "IT",
        passwordHash: await hashPassword(DEMO_PASSWORD),
      },
    });
    process.env.DEMO = "false";
    const refused = await postLogin("old-demo-admin", DEMO_PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.cookie).toBeNull();
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "LOGIN_FAILED" }, orderBy: { id: "desc" } });
    expect(audit.changes).toEqual({ username: "old-demo-admin", reason: "demo password" });
    // In the demo it is the documented sign-in.
    delete process.env.DEMO;
    expect((await postLogin("old-demo-admin", DEMO_PASSWORD)).status).toBe(302);
  });
});

describe("npm run staff -- create-admin", () => {
  it("creates the first administrator and prints a one-time password once; it works once and must be changed", async () => {
    const run = staffCli("create-admin", "--username", "First.Admin", "--name", "First Admin 首位管理员");
    expect(run.status, run.stderr).toBe(0);
    const oneTime = /One-time password \(shown only now\): (\S+)/.exec(run.stdout)?.[1];
    expect(oneTime).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const admin = await db().staff.findUniqueOrThrow({ where: { username: "first.admin" } });
    expect(admin).toMatchObject({ role: "ADMIN", displayName: "First Admin 首位管理员", mustChangePassword: true, active: true });
    expect(await db().auditEntry.count({ where: { action: "CREATE", entity: "Staff", entityId: admin.id, staffId: null } })).toBe(1);

    process.env.DEMO = "false";
    const first = await postLogin("first.admin", oneTime!);
    expect(first.location).toBe("/account/password");
    const newPassword = "Mid-autumn mooncakes by the river";
    const changed = await responseOf(() =>
      changePasswordAction({
        request: requestWith(first.cookie, "/account/password", { currentPassword: oneTime!, newPassword, confirmPassword: newPassword }),
        params: {},
        context: {},
      }),
    );
    expect(changed.status).toBe(302);
    expect((await postLogin("first.admin", oneTime!)).status).toBe(401);
    expect((await postLogin("first.admin", newPassword)).location).toBe("/guests");
  }, 60_000);

  it("refuses a username that is taken or malformed, and explains how to call it", () => {
    const taken = staffCli("create-admin", "--username", "first.admin");
    expect(taken.status).toBe(2);
    expect(taken.stderr).toMatch(/already taken/);
    const malformed = staffCli("create-admin", "--username", "no spaces please");
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/username/);
    const usage = staffCli("make-admin");
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/Usage/);
  }, 60_000);

  it("reset-password gives a forgotten administrator a new one-time password", async () => {
    const run = staffCli("reset-password", "--username", "first.admin");
    expect(run.status, run.stderr).toBe(0);
    const oneTime = /One-time password \(shown only now\): (\S+)/.exec(run.stdout)?.[1];
    expect((await postLogin("first.admin", oneTime!)).location).toBe("/account/password");
  }, 60_000);
});
