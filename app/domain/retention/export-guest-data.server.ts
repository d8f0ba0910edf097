// A guest's access request: everything held about them, as JSON and as CSV.
// Every export is written to the access register.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { csvDocument, type CsvCell } from "../csv.server";
import { NotFoundError } from "../errors";
import { readIdNumber } from "../guests/id-document.server";

export async function exportGuestData(db: Db, actor: Actor, guestId: number, format: "json" | "csv") {
  const guest = await db.guest.findUnique({
    where: { id: guestId },
    include: {
      markers: { include: { marker: { select: { code: true, labelEn: true, labelZh: true } } } },
      stays: { orderBy: { arrivalDate: "asc" } },
      charges: { orderBy: { chargedAt: "asc" } },
      preferences: { orderBy: { createdAt: "asc" } },
      specialDates: true,
      feedback: { orderBy: { createdAt: "asc" } },
      timeline: { orderBy: { happensAt: "asc" } },
    },
  });
  if (!guest) throw new NotFoundError("Guest");
  const {
    idDocumentCipher,
    idDocumentLast4: _last4,
    markers,
    stays,
    charges,
    preferences,
    specialDates,
    feedback,
    timeline,
    ...basics
  } = guest;
  // Every row that concerns the guest, the lists that showed them included (the register's guest index).
  const accessLog = (
    await db.auditEntryGuest.findMany({
      where: { guestId, auditEntry: { action: { in: ["VIEW", "EXPORT", "UPDATE", "DELETE", "RESTORE", "PURGE", "CREATE"] } } },
      orderBy: [{ auditEntry: { at: "asc" } }, { auditEntryId: "asc" }],
      select: { auditEntry: { select: { at: true, action: true, entity: true, staff: { select: { displayName: true, role: true } } } } },
    })
  ).map((l) => l.auditEntry);
  const idDocumentNumber = idDocumentCipher ? readIdNumber(idDocumentCipher) : null;
  const data = {
    exportedAt: new Date().toISOString(),
    guest: {
      ...basics,
      idDocumentNumber,
      // Held, but no configured key opens it: the export says so rather than failing.
      ...(idDocumentCipher && idDocumentNumber === null ? { idDocumentNumberUnreadable: true } : {}),
    },
    markers: markers.map((m) => m.marker),
    stays,
    charges,
    preferences,
    specialDates,
    feedback,
    timeline,
    accessLog: accessLog.map((a) => ({
      at: a.at,
      action: a.action,
      record: a.entity,
      by: a.staff ? `${a.staff.displayName} (${a.staff.role})` : "system",
    })),
  };
  await recordAudit(db, actor, {
    action: "EXPORT",
    entity: "Guest",
    entityId: guestId,
    guestId,
    changes: { format, kind: "accessRequest" },
  });
  if (format === "json") return JSON.stringify(data, null, 2);
  return toCsv(data);
}

/** One row per value: section, record number, field, value — every section in one sheet. */
function toCsv(data: Record<string, unknown>): string {
  const lines: CsvCell[][] = [["section", "record", "field", "value"]];
  const push = (section: string, record: number, value: Record<string, unknown>) => {
    for (const [field, v] of Object.entries(value)) lines.push([section, record, field, cellOf(v)]);
  };
  for (const [section, value] of Object.entries(data)) {
    if (Array.isArray(value)) value.forEach((item, i) => push(section, i + 1, item as Record<string, unknown>));
    else if (value && typeof value === "object") push(section, 1, value as Record<string, unknown>);
    else lines.push([section, 1, section, cellOf(value)]);
  }
  return csvDocument(lines);
}

/** Numbers stay numbers; everything else is text (so a text starting with "-" is neutralised). */
function cellOf(v: unknown): CsvCell {
  if (v == null) return "";
  if (typeof v === "number") return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
