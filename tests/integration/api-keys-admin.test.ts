// The admin pages of the feed: API keys created (shown once), listed without
// the key, revoked at once; unapplied messages listed and reprocessed; only
// administrators get in, and each change is in the access register.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { action as keysAction, loader as keysLoader } from "~/routes/api-keys";
import { action as lettersAction, loader as lettersLoader } from "~/routes/dead-letters";
import * as staysRoute from "~/routes/api.v1.stays";
import { plantProperty, plantStaffMember } from "../support/fixtures";
import { reservation, send } from "../support/feed";
import { requestWith, responseOf, signIn } from "../support/sign-in";

let adminCookie: string;
let deskCookie: string;
let adminId: number;

beforeAll(async () => {
  await plantProperty("SHA");
  const admin = await plantStaffMember("ADMIN");
  const desk = await plantStaffMember("FRONT_DESK");
  adminId = admin.id;
  adminCookie = await signIn(admin.username, "correct horse battery");
  deskCookie = await signIn(desk.username, "correct horse battery");
});

const onKeys = (cookie: string, form?: Record<string, string>) =>
  responseOf(() =>
    form
      ? keysAction({ request: requestWith(cookie, "/api-keys", form), params: {}, context: {} })
      : keysLoader({ request: requestWith(cookie, "/api-keys"), params: {}, context: {} }),
  );

describe("the API keys page", () => {
  it("is for administrators only", async () => {
    expect((await onKeys(deskCookie)).status).toBe(403);
    expect((await onKeys(deskCookie, { intent: "create", name: "x", scopes: "pms:write" })).status).toBe(403);
    expect(
      (await responseOf(() => lettersLoader({ request: requestWith(deskCookie, "/dead-letters"), params: {}, context: {} }))).status,
    ).toBe(403);
  });

  it("creates a key shown once, which then works, and revokes it at once", async () => {
    const refused = await onKeys(adminCookie, { intent: "create", name: "" });
    expect(refused.status).toBe(400);
    expect(Object.keys((await refused.json()).fieldErrors).sort()).toEqual(["name", "scopes"]);

    const created = await onKeys(adminCookie, { intent: "create", name: "Opera Shanghai", scopes: "pms:write", propertyCodes: "SHA" });
    expect(created.status).toBe(200);
    const { key } = (await created.json()).created;
    expect(key).toMatch(/^ga_live_/);
    const page = await (await onKeys(adminCookie)).text();
    expect(page).not.toContain(key);
    expect(page).toContain("Opera Shanghai");

    expect((await send(staysRoute, "/api/v1/stays", reservation({ externalId: "R-admin" }), { key })).status).toBe(201);
    const row = await db().apiKey.findFirstOrThrow({ where: { name: "Opera Shanghai" } });
    expect((await onKeys(adminCookie, { intent: "revoke", apiKeyId: String(row.id) })).status).toBe(200);
    expect((await send(staysRoute, "/api/v1/stays", reservation({ externalId: "R-admin-2" }), { key })).status).toBe(401);

    const register = await db().auditEntry.findMany({ where: { entity: "ApiKey", entityId: row.id }, orderBy: { id: "asc" } });
    expect(register.map((r) => [r.action, r.staffId])).toEqual([
      ["CREATE", adminId],
      ["DELETE", adminId],
    ]);
  });

  it("lists unapplied messages and reprocesses one after the cause is fixed", async () => {
    const created = await onKeys(adminCookie, { intent: "create", name: "Opera all", scopes: "pms:write" });
    const { key } = (await created.json()).created;
    const dead = await send(staysRoute, "/api/v1/stays", reservation({ externalId: "R-late", propertyCode: "CAN" }), { key });
    expect(dead.status).toBe(422);
    const list = await responseOf(() => lettersLoader({ request: requestWith(adminCookie, "/dead-letters"), params: {}, context: {} }));
    expect((await list.json()).letters.map((l: { id: number }) => l.id)).toContain(dead.body.deadLetterId);

    const reprocess = () =>
      responseOf(() =>
        lettersAction({
          request: requestWith(adminCookie, "/dead-letters", { intent: "reprocess", deadLetterId: String(dead.body.deadLetterId) }),
          params: {},
          context: {},
        }),
      );
    expect(await (await reprocess()).json()).toMatchObject({ resolved: false, errorCode: "unknownProperty" });
    await plantProperty("CAN", "Asia/Shanghai");
    expect(await (await reprocess()).json()).toMatchObject({ resolved: true, outcome: "created" });
    expect(await db().stay.count({ where: { externalId: "R-late" } })).toBe(1);
  });
});
