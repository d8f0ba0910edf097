// One row of a guest file applied inside the caller's transaction: the guest
// form's rules (guest-rows.ts), then the one identity rule at ingest
// (duplicates/resolve-identity.server.ts), then the guest save of the form
// (insertGuest/applyGuestEdit: search keys, duplicate check, register, timeline).
// What it returns is what the import counts and what undo needs.
import type { DbTx } from "~/db/client.server";
import { resolveIdentity } from "../duplicates/resolve-identity.server";
import type { GuestFormInput } from "../guests/guest-form";
import { applyGuestEdit, insertGuest } from "../guests/save-guest.server";
import { guestRowOf, type MappedRow } from "./guest-rows";
import type { RowOutcome, RowContext } from "./row-outcome";
import { reasonOf, seenBefore } from "./row-outcome";

type StoredGuest = NonNullable<Awaited<ReturnType<typeof loadGuest>>>;

function loadGuest(tx: DbTx, guestId: number) {
  return tx.guest.findFirst({ where: { id: guestId, deletedAt: null }, include: { markers: { include: { marker: true } } } });
}

/** A stored guest as the form's input (the ID number is never read back). */
export function formInputOfGuest(guest: StoredGuest): GuestFormInput {
  return {
    fullName: guest.fullName,
    gender: guest.gender,
    birthDate: guest.birthDate ?? undefined,
    birthdayCalendar: guest.birthdayCalendar,
    lunarBirthMonth: guest.lunarBirthMonth ?? undefined,
    lunarBirthDay: guest.lunarBirthDay ?? undefined,
    lunarBirthLeap: guest.lunarBirthLeap,
    ethnicity: guest.ethnicity ?? undefined,
    nativePlace: guest.nativePlace ?? undefined,
    nationality: guest.nationality ?? undefined,
    address: guest.address ?? undefined,
    phone: guest.phone ?? undefined,
    email: guest.email ?? undefined,
    company: guest.company ?? undefined,
    language: guest.language as GuestFormInput["language"],
    idDocumentType: undefined,
    idDocumentNumber: undefined,
    vipLevel: guest.vipLevel,
    markers: guest.markers.map((m) => m.marker.code),
    consentEmail: guest.consentEmail,
    consentSms: guest.consentSms,
    consentPhone: guest.consentPhone,
    consentMail: guest.consentMail,
    notes: guest.notes ?? undefined,
    version: guest.version,
    confirmDuplicate: true,
  };
}

/** What undo puts back after an update: the form's fields, the source key and whether an ID document was held. */
export type GuestBefore = {
  input: GuestFormInput;
  source: string | null;
  externalId: string | null;
  sourceModifiedAt: string | null;
  hadIdDocument: boolean;
};

const same = (field: keyof GuestFormInput, a: unknown, b: unknown) =>
  field === "email" ? String(a ?? "").toLowerCase() === String(b ?? "").toLowerCase() : (a ?? null) === (b ?? null);

/** The file's values over the stored guest; an ID document is added, never replaced. */
async function updateFromRow(
  tx: DbTx,
  ctx: RowContext,
  guestId: number,
  row: { input: GuestFormInput; given: (keyof GuestFormInput)[]; externalId: string | null },
  found: "UPDATED" | "LINKED",
): Promise<RowOutcome> {
  const current = (await loadGuest(tx, guestId))!;
  const before = formInputOfGuest(current);
  const next: GuestFormInput = { ...before };
  const fields = row.given.filter((f) => !((f === "idDocumentNumber" || f === "idDocumentType") && current.idDocumentCipher));
  for (const field of fields) (next as Record<string, unknown>)[field] = row.input[field];
  const changed = fields.filter((f) => f === "idDocumentNumber" || !same(f, before[f], next[f]));
  const takesKey = Boolean(row.externalId && !current.externalId);
  const unchanged = { outcome: found === "UPDATED" ? "UNCHANGED" : "LINKED", entity: "Guest", entityId: guestId } as const;
  if (!changed.length && !takesKey) return unchanged;
  const key = takesKey ? { source: ctx.source, externalId: row.externalId, sourceModifiedAt: ctx.asOf } : undefined;
  const edit = await applyGuestEdit(tx, ctx.actor, guestId, next, key);
  const stored: GuestBefore = {
    input: before,
    source: current.source,
    externalId: current.externalId,
    sourceModifiedAt: current.sourceModifiedAt?.toISOString() ?? null,
    hadIdDocument: current.idDocumentCipher !== null,
  };
  return { outcome: found, entity: "Guest", entityId: guestId, version: edit.version, before: stored };
}

export async function applyGuestRow(tx: DbTx, ctx: RowContext, cells: MappedRow, fingerprint: string): Promise<RowOutcome> {
  const parsed = guestRowOf(cells, ctx.today);
  if ("problems" in parsed) return { outcome: "REJECTED", reason: reasonOf(parsed.problems) };
  const earlier = await seenBefore(tx, ctx, "Guest", fingerprint);
  if (earlier && (await tx.guest.count({ where: { id: earlier, deletedAt: null } })))
    return { outcome: "UNCHANGED", entity: "Guest", entityId: earlier };

  const { input, externalId } = parsed.row;
  const found = await resolveIdentity(tx, {
    source: ctx.source,
    externalId,
    fullName: input.fullName,
    phone: input.phone,
    email: input.email,
    birthDate: input.birthDate,
    address: input.address,
    company: input.company,
    idNumber: input.idDocumentNumber,
  });
  if (found.kind === "externalId") {
    if (found.deleted) return { outcome: "REJECTED", reason: `guest ${ctx.source}/${externalId} is in the recycle bin` };
    return updateFromRow(tx, ctx, found.guestId, parsed.row, "UPDATED");
  }
  if (found.kind === "certain") return updateFromRow(tx, ctx, found.guestId, parsed.row, "LINKED");
  // The review band: a new profile, paired with its likely twins in the archivist's queue by the check on save.
  const created = await insertGuest(tx, ctx.actor, input, { source: ctx.source, externalId, sourceModifiedAt: ctx.asOf });
  return { outcome: found.kind === "review" ? "REVIEW" : "CREATED", entity: "Guest", entityId: created.guestId, version: 1 };
}
