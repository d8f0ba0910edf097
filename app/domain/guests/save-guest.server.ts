// Creating and editing a guest profile: one transaction each for the guest,
// its markers, its search keys, the audit row and the timeline event, so
// nothing is half-saved.
import type { Db, DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit, recordListRead, diffFields } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { lunarOf } from "../calendar/lunar";
import { ConflictError, NotFoundError } from "../errors";
import type { GuestFormInput } from "./guest-form";
import { encryptIdNumber } from "./id-document.server";
import { namePinyin, prefixUpperBound, reversedDigits, searchKeysFor, KEY_KIND } from "./search-keys";
import { writeSearchKeys } from "./search-guests.server";
import { refreshDuplicateCandidates } from "../duplicates/find-candidates.server";
import { evaluateAfterSave } from "../quality/evaluate-quality.server";
import { storedPhone } from "../quality/phone";
import { chainHome } from "../properties/chain-clock.server";
import { todayIn } from "../calendar/occasions";

export type LikelyDuplicate = { id: number; profileNumber: string; fullName: string; matchedOn: "phone" | "email" };

/** Digits compared for "same phone": the last 8 (a subscriber number), so "+86 138 0013 8000" matches "13800138000". */
export const SAME_PHONE_DIGITS = 8;

/**
 * Guests who already have this phone number or e-mail (ignoring the guest
 * being edited). The warning names them, so a warning shown is a read of
 * their profiles: registered as a DuplicateWarning list read.
 */
export async function findLikelyDuplicates(
  db: DbTx,
  actor: Actor,
  contact: { phone?: string | null; email?: string | null },
  exceptGuestId?: number,
): Promise<LikelyDuplicate[]> {
  // Phone: a prefix range on the reversed digits. E-mail: the exact key (a range
  // bound of `key + "\u0000"` is refused by PostgreSQL, which stores no NUL).
  const lookups: { key: string | { gte: string; lt: string }; matchedOn: LikelyDuplicate["matchedOn"] }[] = [];
  const phone = reversedDigits(contact.phone ?? "");
  if (phone.length >= 6) {
    const prefix = KEY_KIND.phoneTail + phone.slice(0, SAME_PHONE_DIGITS);
    lookups.push({ key: { gte: prefix, lt: prefixUpperBound(prefix) }, matchedOn: "phone" });
  }
  const email = contact.email?.trim().toLowerCase();
  if (email) lookups.push({ key: KEY_KIND.email + email, matchedOn: "email" });
  const found = new Map<number, LikelyDuplicate>();
  for (const lookup of lookups) {
    const rows = await db.guestSearchKey.findMany({
      where: {
        key: lookup.key,
        guest: { deletedAt: null },
        ...(exceptGuestId ? { guestId: { not: exceptGuestId } } : {}),
      },
      select: { guest: { select: { id: true, profileNumber: true, fullName: true } } },
      take: 10,
    });
    for (const r of rows) if (!found.has(r.guest.id)) found.set(r.guest.id, { ...r.guest, matchedOn: lookup.matchedOn });
  }
  const duplicates = [...found.values()];
  if (duplicates.length)
    await recordListRead(db, actor, "DuplicateWarning", {
      context: {
        form: exceptGuestId ? "edit" : "new",
        ...(exceptGuestId ? { guestId: exceptGuestId } : {}),
        matchedOn: [...new Set(duplicates.map((d) => d.matchedOn))],
      },
      found: duplicates.length,
      shownGuestIds: duplicates.map((d) => d.id),
    });
  return duplicates;
}

export async function nextProfileNumber(tx: DbTx): Promise<string> {
  const seq = await tx.profileNumberSequence.upsert({
    where: { name: "guest" },
    create: { name: "guest", value: 1 },
    update: { value: { increment: 1 } },
  });
  return formatProfileNumber(seq.value);
}

export function formatProfileNumber(n: number): string {
  return `G${String(n).padStart(8, "0")}`;
}

/** The columns a form input maps to (everything but markers, version and the ID number). */
function guestColumns(input: GuestFormInput) {
  let { lunarBirthMonth, lunarBirthDay, lunarBirthLeap } = input;
  if (input.birthdayCalendar === "LUNAR" && input.birthDate && (!lunarBirthMonth || !lunarBirthDay)) {
    const lunar = lunarOf(input.birthDate);
    lunarBirthMonth = lunar.month;
    lunarBirthDay = lunar.day;
    lunarBirthLeap = lunar.leap;
  }
  const columns = {
    fullName: input.fullName,
    namePinyin: namePinyin(input.fullName),
    gender: input.gender,
    birthDate: input.birthDate ?? null,
    birthdayCalendar: input.birthdayCalendar,
    lunarBirthMonth: input.birthdayCalendar === "LUNAR" ? (lunarBirthMonth ?? null) : null,
    lunarBirthDay: input.birthdayCalendar === "LUNAR" ? (lunarBirthDay ?? null) : null,
    lunarBirthLeap: input.birthdayCalendar === "LUNAR" ? lunarBirthLeap : false,
    ethnicity: input.ethnicity ?? null,
    nativePlace: input.nativePlace ?? null,
    nationality: input.nationality ?? null,
    address: input.address ?? null,
    phone: storedPhone(input.phone),
    email: input.email?.toLowerCase() ?? null,
    company: input.company ?? null,
    language: input.language,
    vipLevel: input.vipLevel,
    consentEmail: input.consentEmail,
    consentSms: input.consentSms,
    consentPhone: input.consentPhone,
    consentMail: input.consentMail,
    notes: input.notes ?? null,
  };
  return columns;
}

function idDocumentColumns(input: GuestFormInput) {
  if (!input.idDocumentNumber) return {};
  return {
    idDocumentType: input.idDocumentType ?? null,
    idDocumentCipher: encryptIdNumber(input.idDocumentNumber),
    idDocumentLast4: input.idDocumentNumber.slice(-4),
  };
}

/** The quality rules on the saved guest, in the save's transaction (docs/decisions/021); the ID number in the clear only when typed. */
async function evaluateQualityOnSave(
  tx: DbTx,
  guestId: number,
  idNumber?: string | null,
  before?: { phone: string | null; email: string | null },
) {
  const { timeZone } = await chainHome(tx);
  await evaluateAfterSave(tx, guestId, { asOf: todayIn(timeZone), idNumber, before });
}

async function markerIds(tx: DbTx, codes: string[]) {
  if (!codes.length) return [];
  const markers = await tx.identityMarker.findMany({ where: { code: { in: codes } }, select: { id: true } });
  return markers.map((m) => m.id);
}

export type CreateGuestResult =
  { status: "created"; guestId: number; profileNumber: string } | { status: "possibleDuplicate"; duplicates: LikelyDuplicate[] };

export async function createGuest(db: Db, actor: Actor, input: GuestFormInput): Promise<CreateGuestResult> {
  if (!input.confirmDuplicate) {
    const duplicates = await findLikelyDuplicates(db, actor, input);
    if (duplicates.length) return { status: "possibleDuplicate", duplicates };
  }
  return db.$transaction((tx) => insertGuest(tx, actor, input));
}

/** Where a feed profile came from: its source system, its id there and the source's modification time. */
export type GuestFeedIdentity = { source: string; externalId: string | null; sourceModifiedAt: Date };

/** Writes a new guest inside the caller's transaction (the form's create, and the PMS feed). */
export async function insertGuest(tx: DbTx, actor: Actor, input: GuestFormInput, feed?: GuestFeedIdentity) {
  const profileNumber = await nextProfileNumber(tx);
  const columns = guestColumns(input);
  const guest = await tx.guest.create({
    data: {
      ...columns,
      ...idDocumentColumns(input),
      ...(feed ? { source: feed.source, externalId: feed.externalId, sourceModifiedAt: feed.sourceModifiedAt } : {}),
      profileNumber,
      consentUpdatedAt: new Date(),
      markers: { create: (await markerIds(tx, input.markers)).map((markerId) => ({ markerId })) },
    },
  });
  await writeSearchKeys(tx, guest.id, searchKeysFor(guest));
  await refreshDuplicateCandidates(tx, guest.id);
  await evaluateQualityOnSave(tx, guest.id, input.idDocumentNumber);
  await recordAudit(tx, actor, {
    action: "CREATE",
    entity: "Guest",
    entityId: guest.id,
    guestId: guest.id,
    changes: { profileNumber, ...(feed ? { source: feed.source, externalId: feed.externalId } : {}) },
  });
  await addTimelineEvent(tx, actor, { guestId: guest.id, name: "guest.created", properties: { profileNumber } });
  return { status: "created" as const, guestId: guest.id, profileNumber };
}

/**
 * Saves an edit made on `input.version`. If someone else saved in between,
 * nothing is written and a ConflictError says so.
 */
export async function updateGuest(db: Db, actor: Actor, guestId: number, input: GuestFormInput) {
  return db.$transaction((tx) => applyGuestEdit(tx, actor, guestId, input));
}

/** An edit inside the caller's transaction (the form's save, and a newer PMS profile). */
export async function applyGuestEdit(tx: DbTx, actor: Actor, guestId: number, input: GuestFormInput, feed?: GuestFeedIdentity) {
  const current = await tx.guest.findFirst({
    where: { id: guestId, deletedAt: null },
    include: { markers: { include: { marker: true } } },
  });
  if (!current) throw new NotFoundError("Guest");
  if (input.version !== current.version) throw new ConflictError(current.version);

  const columns = { ...guestColumns(input), ...idDocumentColumns(input) };
  const consentChanged = (["consentEmail", "consentSms", "consentPhone", "consentMail"] as const).some((k) => current[k] !== columns[k]);
  const updated = await tx.guest.updateMany({
    where: { id: guestId, version: current.version },
    data: {
      ...columns,
      ...(feed ? { source: feed.source, externalId: feed.externalId, sourceModifiedAt: feed.sourceModifiedAt } : {}),
      version: { increment: 1 },
      ...(consentChanged ? { consentUpdatedAt: new Date() } : {}),
    },
  });
  if (updated.count !== 1) throw new ConflictError(current.version + 1);

  const beforeMarkers = current.markers.map((m) => m.marker.code).sort();
  const afterMarkers = [...input.markers].sort();
  if (JSON.stringify(beforeMarkers) !== JSON.stringify(afterMarkers)) {
    await tx.guestMarker.deleteMany({ where: { guestId } });
    const ids = await markerIds(tx, input.markers);
    if (ids.length) await tx.guestMarker.createMany({ data: ids.map((markerId) => ({ guestId, markerId })) });
  }
  const changes: Record<string, unknown> = diffFields(current as unknown as Record<string, unknown>, columns, [
    "idDocumentCipher",
    "idDocumentLast4",
  ]);
  delete changes.namePinyin;
  if (JSON.stringify(beforeMarkers) !== JSON.stringify(afterMarkers)) changes.markers = [beforeMarkers, afterMarkers];

  const next = { ...current, ...columns };
  await writeSearchKeys(tx, guestId, searchKeysFor(next));
  await refreshDuplicateCandidates(tx, guestId);
  await evaluateQualityOnSave(tx, guestId, input.idDocumentNumber, { phone: current.phone, email: current.email });
  if (Object.keys(changes).length) {
    await recordAudit(tx, actor, { action: "UPDATE", entity: "Guest", entityId: guestId, guestId, changes });
    await addTimelineEvent(tx, actor, { guestId, name: "guest.updated", properties: { fields: Object.keys(changes) } });
  }
  return { version: current.version + 1, changedFields: Object.keys(changes) };
}
