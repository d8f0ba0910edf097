// Erasure follows merges (docs/decisions/008, 017): erasing or purging a
// survivor erases what the merge kept of the profiles merged into it — the
// merged-away rows, the merge record's snapshots and kept values, the
// register's notes of the values — and the merge can then no longer be undone.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { mergeGuests } from "~/domain/duplicates/merge-guests.server";
import { getMergeRecord } from "~/domain/duplicates/merge-record.server";
import { undoMerge, UndoRefusedError } from "~/domain/duplicates/undo-merge.server";
import { searchGuests } from "~/domain/guests/search-guests.server";
import { addPreference } from "~/domain/preferences/save-preferences.server";
import { preferenceFormSchema } from "~/domain/preferences/preference-form";
import { eraseGuest } from "~/domain/retention/erase-guest.server";
import { purgeInactiveGuests } from "~/domain/retention/purge-inactive-guests.server";
import { getRetentionPolicy } from "~/domain/retention/retention-policy.server";
import { personalDataLeft, plantGuest, plantStaffMember } from "../support/fixtures";

let desk: Actor;
let archivist: Actor;
let counter = 0;

beforeAll(async () => {
  desk = (await plantStaffMember("FRONT_DESK")).actor;
  archivist = (await plantStaffMember("ARCHIVIST")).actor;
});

/** A profile whose personal values are all unique to it (returned as `secrets`). */
async function plantProfile(name: string) {
  counter += 1;
  const tag = `${counter}x${Math.random().toString(36).slice(2, 8)}`;
  const secrets = {
    email: `secret-${tag}@merge-erasure.test`,
    phone: `1371234${String(1000 + counter)}`,
    notes: `NOTE-${tag}-prefers-the-quiet-wing`,
    address: `${counter} Secret Lane ${tag}`,
    allergy: `ALLERGY-${tag}-peanuts`,
  };
  const { guestId, profileNumber } = await plantGuest(desk, {
    fullName: name,
    email: secrets.email,
    phone: secrets.phone,
    notes: secrets.notes,
    address: secrets.address,
  });
  await addPreference(db(), archivist, guestId, preferenceFormSchema.parse({ category: "ALLERGY", value: secrets.allergy }));
  return { guestId, profileNumber, secrets: Object.values(secrets) };
}

async function merge(survivorId: number, otherId: number) {
  const [s, o] = await Promise.all([
    db().guest.findUniqueOrThrow({ where: { id: survivorId } }),
    db().guest.findUniqueOrThrow({ where: { id: otherId } }),
  ]);
  return mergeGuests(db(), archivist, { survivorId, otherId, expectedVersions: { survivor: s.version, other: o.version } });
}

/** Everything still stored about these guests outside their own rows: merge records, register, timelines. */
async function keptAbout(guestIds: number[]) {
  const [merges, audit, timeline] = await Promise.all([
    db().guestMerge.findMany({ where: { OR: [{ survivorId: { in: guestIds } }, { mergedId: { in: guestIds } }] } }),
    db().auditEntry.findMany({ where: { guestId: { in: guestIds } } }),
    db().timelineEvent.findMany({ where: { guestId: { in: guestIds } } }),
  ]);
  return JSON.stringify({ merges, audit, timeline });
}

const foundIds = async (query: string) => (await searchGuests(db(), query)).map((r) => r.id);

describe("erasure of a survivor", () => {
  it("erases the profiles merged into it, what the merge record kept of them, and refuses the undo with the reason", async () => {
    const survivor = await plantProfile("Liu Fang");
    const other = await plantProfile("Liu Fang");
    const earlier = await plantProfile("Liu Fang");
    // An earlier merge into the profile that is merged away now: erasure follows both.
    const first = await merge(other.guestId, earlier.guestId);
    const { mergeId } = await merge(survivor.guestId, other.guestId);
    const secrets = [...survivor.secrets, ...other.secrets, ...earlier.secrets];
    const ids = [survivor.guestId, other.guestId, earlier.guestId];
    const before = await keptAbout(ids);
    // The merge record does hold the merged profiles' values (the e-mail taken over, the joined notes, the snapshot).
    const record0 = JSON.stringify(await db().guestMerge.findUniqueOrThrow({ where: { id: mergeId } }));
    for (const secret of [earlier.secrets[0], other.secrets[2], survivor.secrets[0]]) expect(record0).toContain(secret);
    expect(before).toContain(other.secrets[2]);
    expect(await foundIds(other.profileNumber)).toEqual([survivor.guestId]);

    const lastAudit = (await db().auditEntry.findFirst({ orderBy: { id: "desc" } }))!.id;
    const certificate = await eraseGuest(db(), archivist, survivor.guestId, "guest request");

    for (const id of ids) expect(await personalDataLeft(id), `guest ${id}`).toEqual([]);
    const merged = await db().guest.findMany({ where: { id: { in: [other.guestId, earlier.guestId] } }, orderBy: { id: "asc" } });
    for (const row of merged) {
      expect(row.anonymizedAt).not.toBeNull();
      // Still the pointer: the old number belongs to the (anonymous) survivor's history.
      expect(row.deletedReason).toBe("merge");
    }
    const kept = await keptAbout(ids);
    for (const secret of secrets) expect(kept, secret).not.toContain(secret);
    for (const q of [other.profileNumber, earlier.profileNumber, other.secrets[0], "Liu Fang"])
      for (const id of ids) expect(await foundIds(q), q).not.toContain(id);

    // The certificate counts what went with the merged profiles, holding nothing personal itself.
    const categories = certificate.categories as Record<string, number>;
    expect(categories.mergedProfiles).toBe(2);
    expect(categories.contacts).toBe(6);
    expect(categories.preferences).toBe(3);
    expect(categories.address).toBe(3);
    for (const secret of secrets) expect(JSON.stringify(certificate), secret).not.toContain(secret);
    // One register row per erased profile.
    const purged = await db().auditEntry.findMany({ where: { id: { gt: lastAudit }, action: "PURGE" }, orderBy: { entityId: "asc" } });
    expect(purged.map((a) => a.entityId)).toEqual([...ids].sort((a, b) => a - b));

    // Neither merge can be undone any more, and the record says why.
    for (const id of [mergeId, first.mergeId]) {
      const error = await undoMerge(db(), archivist, id).catch((e) => e);
      expect(error).toBeInstanceOf(UndoRefusedError);
      expect(error.reason).toBe("purged");
      const record = await getMergeRecord(db(), archivist, id);
      expect(record.refusal?.messageKey).toBe("undoRefused.purged");
      expect(record.undoneAt).toBeNull();
    }
    const record = await getMergeRecord(db(), archivist, mergeId);
    expect(record.survivor.profileNumber).toBe(survivor.profileNumber);
    expect(record.other.profileNumber).toBe(other.profileNumber);
    expect(record.fields).toEqual([]);
  });

  it("after an undone merge: the record forgets the erased guest, the other profile keeps its own data", async () => {
    const survivor = await plantProfile("Zhou Min");
    const other = await plantProfile("Zhou Min");
    const { mergeId } = await merge(survivor.guestId, other.guestId);
    await undoMerge(db(), archivist, mergeId);
    await eraseGuest(db(), archivist, survivor.guestId, "guest request");

    expect(await personalDataLeft(survivor.guestId)).toEqual([]);
    const live = await db().guest.findUniqueOrThrow({ where: { id: other.guestId } });
    expect(live).toMatchObject({ anonymizedAt: null, deletedAt: null, email: other.secrets[0], notes: other.secrets[2] });
    const record = JSON.stringify(await db().guestMerge.findUniqueOrThrow({ where: { id: mergeId } }));
    for (const secret of [...survivor.secrets, ...other.secrets]) expect(record, secret).not.toContain(secret);
    expect(await foundIds(other.secrets[0])).toEqual([other.guestId]);
  });
});

describe("the retention purge of a survivor", () => {
  it("anonymises the merged-away profiles with it, and the merge can no longer be undone", async () => {
    const survivor = await plantProfile("Sun Li");
    const other = await plantProfile("Sun Li");
    const { mergeId } = await merge(survivor.guestId, other.guestId);
    const policy = await getRetentionPolicy(db());
    const asOf = new Date().toISOString().slice(0, 10);
    // In the recycle bin by the policy, past its grace period.
    await db().guest.update({
      where: { id: survivor.guestId },
      data: { deletedAt: new Date(Date.now() - (policy.graceDays + 2) * 86_400_000), deletedReason: "retention" },
    });

    const counts = await purgeInactiveGuests(db(), { asOf, dryRun: false });
    expect(counts.anonymised).toBe(1);
    for (const id of [survivor.guestId, other.guestId]) expect(await personalDataLeft(id), `guest ${id}`).toEqual([]);
    const kept = await keptAbout([survivor.guestId, other.guestId]);
    for (const secret of [...survivor.secrets, ...other.secrets]) expect(kept, secret).not.toContain(secret);
    const purged = await db().auditEntry.findMany({ where: { action: "PURGE", guestId: { in: [survivor.guestId, other.guestId] } } });
    expect(purged.map((a) => a.guestId).sort()).toEqual([survivor.guestId, other.guestId].sort());
    const error = await undoMerge(db(), archivist, mergeId).catch((e) => e);
    expect(error).toBeInstanceOf(UndoRefusedError);
    expect(error.reason).toBe("purged");

    // A re-run finds nothing left to do.
    const again = await purgeInactiveGuests(db(), { asOf, dryRun: false });
    expect(again.anonymised).toBe(0);
  });
});
