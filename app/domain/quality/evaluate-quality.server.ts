// Running the rules on a set of guests and bringing their findings up to
// date: new ones raised, changed ones updated, gone ones closed as fixed, and
// accepted ones (same rule, subject and fingerprint) never raised again. The
// same function serves the nightly job (a batch of ids at a time) and the
// save path (the guest just saved and those sharing a contact with them).
import { createHash, createHmac } from "node:crypto";
import { Prisma } from "../../../generated/prisma/client";
import type { DbTx } from "~/db/client.server";
import { idBlindIndex } from "../duplicates/id-blind-index.server";
import { isRelayEmail } from "../duplicates/identity-keys";
import { idKeyring, readIdNumber, type IdKeyring } from "../guests/id-document.server";
import { SAME_PHONE_DIGITS } from "../guests/save-guest.server";
import { KEY_KIND, prefixUpperBound, reversedDigits } from "../guests/search-keys";
import { checkSnapshot, type QualitySnapshot } from "./rules";

export type QualityCounts = { guests: number; raised: number; reopened: number; updated: number; fixed: number; accepted: number };

export const emptyQualityCounts = (): QualityCounts => ({ guests: 0, raised: 0, reopened: 0, updated: 0, fixed: 0, accepted: 0 });

/** Older live guests sharing a phone or an e-mail, by guest id. */
export type SharedContacts = Map<number, { phone: number[]; email: number[] }>;

/** The characters of a phone search key compared for "same phone": its kind and the last SAME_PHONE_DIGITS digits. */
const phoneKeyLength = () => KEY_KIND.phoneTail.length + SAME_PHONE_DIGITS;

const GUEST_COLUMNS = {
  id: true,
  fullName: true,
  namePinyin: true,
  birthDate: true,
  birthdayCalendar: true,
  lunarBirthMonth: true,
  lunarBirthDay: true,
  lunarBirthLeap: true,
  phone: true,
  email: true,
  address: true,
  vipLevel: true,
  consentEmail: true,
  consentSms: true,
  consentPhone: true,
  consentMail: true,
  idDocumentType: true,
  idDocumentLast4: true,
  idDocumentCipher: true,
  updatedAt: true,
} as const;

/**
 * A keyed hash of what a finding depends on: the values are personal data
 * (a phone, a birth date), which a plain hash would give away to anyone
 * trying every value. Keyed like the ID blind index, from the current ID key.
 */
export function fingerprintOf(ruleId: string, values: unknown, keyring: IdKeyring = idKeyring()): string {
  let key = fingerprintKeys.get(keyring);
  if (!key) {
    key = createHash("sha256").update("guest-archive/quality-fingerprint/v1\u0000").update(keyring.keys.get(keyring.current)!).digest();
    fingerprintKeys.set(keyring, key);
  }
  return createHmac("sha256", key)
    .update(JSON.stringify([ruleId, values]))
    .digest("base64url")
    .slice(0, 32);
}
const fingerprintKeys = new WeakMap<IdKeyring, Buffer>();

function addShared(shared: SharedContacts, kind: "phone" | "email", groups: Map<string, number[]>) {
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    const sorted = [...new Set(ids)].sort((a, b) => a - b);
    sorted.forEach((id, i) => {
      if (i === 0) return;
      const entry = shared.get(id) ?? { phone: [], email: [] };
      entry[kind] = sorted.slice(0, i);
      shared.set(id, entry);
    });
  }
}

/** Every live guest sharing a phone or e-mail with an older one: one grouped pass over the search keys. */
export async function sharedContactsOfAll(db: DbTx): Promise<SharedContacts> {
  const shared: SharedContacts = new Map();
  const PHONE_KEY_LENGTH = phoneKeyLength();
  const phoneRows = await db.$queryRaw<{ k: string; guestId: number }[]>(Prisma.sql`
    WITH t AS (
      SELECT substr(k."key", 1, ${PHONE_KEY_LENGTH}) AS "k", k."guestId" AS "guestId"
      FROM "GuestSearchKey" k JOIN "Guest" g ON g."id" = k."guestId"
      WHERE k."key" >= ${KEY_KIND.phoneTail} AND k."key" < ${prefixUpperBound(KEY_KIND.phoneTail)}
        AND length(k."key") >= ${PHONE_KEY_LENGTH} AND g."deletedAt" IS NULL AND g."anonymizedAt" IS NULL
    )
    SELECT t."k", t."guestId" FROM t JOIN (SELECT "k" FROM t GROUP BY "k" HAVING COUNT(*) > 1) d ON d."k" = t."k"`);
  const emailRows = await db.$queryRaw<{ k: string; guestId: number }[]>(Prisma.sql`
    WITH t AS (
      SELECT k."key" AS "k", k."guestId" AS "guestId"
      FROM "GuestSearchKey" k JOIN "Guest" g ON g."id" = k."guestId"
      WHERE k."key" >= ${KEY_KIND.email} AND k."key" < ${prefixUpperBound(KEY_KIND.email)}
        AND g."deletedAt" IS NULL AND g."anonymizedAt" IS NULL
    )
    SELECT t."k", t."guestId" FROM t JOIN (SELECT "k" FROM t GROUP BY "k" HAVING COUNT(*) > 1) d ON d."k" = t."k"`);
  const group = (rows: { k: string; guestId: number }[], skip?: (k: string) => boolean) => {
    const groups = new Map<string, number[]>();
    for (const r of rows) {
      if (skip?.(r.k)) continue;
      const list = groups.get(r.k) ?? [];
      list.push(Number(r.guestId));
      groups.set(r.k, list);
    }
    return groups;
  };
  addShared(shared, "phone", group(phoneRows));
  addShared(
    shared,
    "email",
    group(emailRows, (k) => isRelayEmail(k.slice(KEY_KIND.email.length))),
  );
  return shared;
}

/** Live guests sharing a contact with one of `guests` (older and newer): the per-guest form of sharedContactsOfAll. */
async function sharersOf(db: DbTx, guest: { id: number; phone: string | null; email: string | null }) {
  const keys: (string | { gte: string; lt: string })[] = [];
  const digits = reversedDigits(guest.phone ?? "");
  if (digits.length >= SAME_PHONE_DIGITS) {
    const prefix = KEY_KIND.phoneTail + digits.slice(0, SAME_PHONE_DIGITS);
    keys.push({ gte: prefix, lt: prefixUpperBound(prefix) });
  }
  const email = guest.email?.trim().toLowerCase();
  const emailKey = email && !isRelayEmail(email) ? KEY_KIND.email + email : null;
  if (emailKey) keys.push(emailKey);
  const phone: number[] = [];
  const byEmail: number[] = [];
  for (const key of keys) {
    const rows = await db.guestSearchKey.findMany({
      where: { key, guestId: { not: guest.id }, guest: { deletedAt: null, anonymizedAt: null } },
      select: { guestId: true },
      take: 50,
    });
    (key === emailKey ? byEmail : phone).push(...rows.map((r) => r.guestId));
  }
  return { phone: [...new Set(phone)], email: [...new Set(byEmail)] };
}

/** Which guests: a few by id (a save), or a range of ids (a batch of the nightly job: no parameter list to outgrow). */
export type GuestScope = number[] | { from: number; to: number };

function idFilter(scope: GuestScope) {
  return Array.isArray(scope) ? { in: scope } : { gte: scope.from, lte: scope.to };
}

/** The live guests in `scope` with everything the rules read. */
export async function loadSnapshots(
  db: DbTx,
  scope: GuestScope,
  asOf: string,
  options: { shared?: SharedContacts; idNumbers?: Map<number, string> } = {},
): Promise<QualitySnapshot[]> {
  if (Array.isArray(scope) && !scope.length) return [];
  const where = { guestId: idFilter(scope) };
  const [guests, stays, charges, preferences, complaints] = await Promise.all([
    db.guest.findMany({
      where: { id: idFilter(scope), deletedAt: null, anonymizedAt: null },
      select: GUEST_COLUMNS,
      orderBy: { id: "asc" },
    }),
    db.stay.findMany({
      where,
      select: { id: true, guestId: true, propertyId: true, arrivalDate: true, departureDate: true, nights: true, status: true },
    }),
    db.charge.findMany({
      where: { ...where, OR: [{ grossAmount: { lt: 0 } }, { netAmount: { lt: 0 } }] },
      select: { id: true, guestId: true, grossAmount: true, netAmount: true, description: true },
    }),
    db.preference.findMany({ where: { ...where, status: "ACTIVE" }, select: { id: true, guestId: true, category: true, value: true } }),
    db.feedback.findMany({
      where: { ...where, kind: "COMPLAINT", status: "CLOSED" },
      select: { id: true, guestId: true, status: true, guestReaction: true },
    }),
  ]);
  const byGuest = <T extends { guestId: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const r of rows) map.set(r.guestId, [...(map.get(r.guestId) ?? []), r]);
    return map;
  };
  const staysOf = byGuest(stays);
  const chargesOf = byGuest(charges);
  const preferencesOf = byGuest(preferences);
  const complaintsOf = byGuest(complaints);
  const snapshots: QualitySnapshot[] = [];
  for (const { idDocumentCipher, ...guest } of guests) {
    const idNumber = options.idNumbers?.get(guest.id) ?? (idDocumentCipher ? readIdNumber(idDocumentCipher) : null);
    let shared = options.shared?.get(guest.id);
    if (!options.shared) {
      const sharers = await sharersOf(db, guest);
      shared = { phone: sharers.phone.filter((id) => id < guest.id), email: sharers.email.filter((id) => id < guest.id) };
    }
    snapshots.push({
      asOf,
      guest,
      idNumber,
      idDigest: idNumber ? idBlindIndex(idNumber) : null,
      stays: staysOf.get(guest.id) ?? [],
      negativeCharges: chargesOf.get(guest.id) ?? [],
      preferences: preferencesOf.get(guest.id) ?? [],
      closedComplaints: complaintsOf.get(guest.id) ?? [],
      samePhoneAs: shared?.phone ?? [],
      sameEmailAs: shared?.email ?? [],
    });
  }
  return snapshots;
}

const keyOf = (ruleId: string, guestId: number, subject: string) => `${ruleId}\u0001${guestId}\u0001${subject}`;

/**
 * Runs the rules on the guests in `scope` and writes the difference to their findings.
 * Guests among them that are gone (deleted, anonymised) have their open findings closed.
 */
export async function evaluateGuests(
  db: DbTx,
  scope: GuestScope,
  options: { asOf: string; dryRun?: boolean; now?: Date; shared?: SharedContacts; idNumbers?: Map<number, string> },
): Promise<QualityCounts> {
  const counts = emptyQualityCounts();
  if (Array.isArray(scope) && !scope.length) return counts;
  const now = options.now ?? new Date();
  const snapshots = await loadSnapshots(db, scope, options.asOf, options);
  counts.guests = snapshots.length;
  const [existing, acceptances] = await Promise.all([
    db.qualityFinding.findMany({
      where: { guestId: idFilter(scope) },
      select: { id: true, ruleId: true, guestId: true, subject: true, status: true, fingerprint: true, severity: true },
    }),
    db.qualityAcceptance.findMany({
      where: { guestId: idFilter(scope) },
      select: { ruleId: true, guestId: true, subject: true, fingerprint: true },
    }),
  ]);
  const accepted = new Set(acceptances.map((a) => keyOf(a.ruleId, a.guestId, a.subject) + "\u0001" + a.fingerprint));
  const rows = new Map(existing.map((f) => [keyOf(f.ruleId, f.guestId, f.subject), f]));
  const seen = new Set<string>();
  const creates: Prisma.QualityFindingCreateManyInput[] = [];
  const updates: { id: number; data: Prisma.QualityFindingUpdateInput }[] = [];

  for (const snapshot of snapshots)
    for (const { rule, hit } of checkSnapshot(snapshot)) {
      const key = keyOf(rule.id, snapshot.guest.id, hit.subject);
      seen.add(key);
      const fingerprint = fingerprintOf(rule.id, hit.values);
      const row = rows.get(key);
      const detail = hit.detail as Prisma.InputJsonValue;
      if (accepted.has(key + "\u0001" + fingerprint)) {
        if (row && row.status !== "ACCEPTED")
          updates.push({ id: row.id, data: { status: "ACCEPTED", fingerprint, detail, resolvedAt: now } });
        counts.accepted++;
        continue;
      }
      if (!row) {
        creates.push({
          ruleId: rule.id,
          guestId: snapshot.guest.id,
          subject: hit.subject,
          severity: rule.severity,
          detail,
          fingerprint,
          firstSeenAt: now,
        });
        counts.raised++;
      } else if (row.status !== "OPEN") {
        updates.push({
          id: row.id,
          data: { status: "OPEN", severity: rule.severity, detail, fingerprint, firstSeenAt: now, resolvedAt: null, resolvedById: null },
        });
        counts.reopened++;
      } else if (row.fingerprint !== fingerprint || row.severity !== rule.severity) {
        updates.push({ id: row.id, data: { severity: rule.severity, detail, fingerprint } });
        counts.updated++;
      }
    }
  const fixedIds = existing.filter((f) => f.status === "OPEN" && !seen.has(keyOf(f.ruleId, f.guestId, f.subject))).map((f) => f.id);
  counts.fixed = fixedIds.length;
  if (options.dryRun) return counts;
  if (creates.length) await db.qualityFinding.createMany({ data: creates });
  for (const u of updates) await db.qualityFinding.update({ where: { id: u.id }, data: u.data });
  if (fixedIds.length) await db.qualityFinding.updateMany({ where: { id: { in: fixedIds } }, data: { status: "FIXED", resolvedAt: now } });
  return counts;
}

/**
 * After a save: the guest's own findings, and those of newer guests sharing
 * their phone or e-mail (the shared-contact finding sits on the newer profile).
 * The ID number in the clear is passed when the save had it.
 */
export async function evaluateAfterSave(
  db: DbTx,
  guestId: number,
  options: { asOf: string; idNumber?: string | null; before?: { phone: string | null; email: string | null } },
) {
  const guest = await db.guest.findUnique({ where: { id: guestId }, select: { id: true, phone: true, email: true } });
  const ids = new Set([guestId]);
  // Newer guests sharing the contact now, or the one it had before the edit (their finding may have gone).
  for (const contact of [guest, options.before ? { id: guestId, ...options.before } : null]) {
    if (!contact) continue;
    const sharers = await sharersOf(db, contact);
    for (const id of [...sharers.phone, ...sharers.email]) if (id > guestId) ids.add(id);
  }
  const idNumbers = options.idNumber ? new Map([[guestId, options.idNumber]]) : undefined;
  return evaluateGuests(db, [...ids], { asOf: options.asOf, idNumbers });
}
