// What the desk must not miss when the guest is in front of them.
import { addDays, occurrencesBetween, type RecurringDate } from "../calendar/occasions";
import { isOverdue } from "../complaints/open-complaints";

export type CheckInAlert =
  | { kind: "allergy" | "taboo"; text: string; pending: boolean }
  | { kind: "openComplaint"; count: number; overdue: number }
  | { kind: "occasion"; label: string; occasion: "birthday" | "anniversary" | "custom"; date: string; duringStay: boolean };

export type AlertInput = {
  today: string;
  preferences: { category: string; value: string; status: string }[];
  openComplaints: { kind: string; status: string; deadline: Date | null }[];
  birthday: RecurringDate | null;
  specialDates: { kind: string; label: string; date: RecurringDate }[];
  /** The current or next stay's dates, if any. */
  stay: { arrivalDate: string; departureDate: string } | null;
  now?: Date;
};

export const OCCASION_WINDOW_DAYS = 7;

export function checkInAlerts(input: AlertInput): CheckInAlert[] {
  const alerts: CheckInAlert[] = [];
  for (const p of input.preferences) {
    if ((p.category === "ALLERGY" || p.category === "TABOO") && (p.status === "ACTIVE" || p.status === "PENDING_REVIEW")) {
      alerts.push({ kind: p.category === "ALLERGY" ? "allergy" : "taboo", text: p.value, pending: p.status === "PENDING_REVIEW" });
    }
  }
  if (input.openComplaints.length) {
    const now = input.now ?? new Date();
    alerts.push({
      kind: "openComplaint",
      count: input.openComplaints.length,
      overdue: input.openComplaints.filter((c) => isOverdue(c, now)).length,
    });
  }
  const windowEnd = addDays(input.today, OCCASION_WINDOW_DAYS);
  const stayEnd = input.stay && input.stay.departureDate > windowEnd ? input.stay.departureDate : windowEnd;
  const occasions: { label: string; occasion: "birthday" | "anniversary" | "custom"; date: RecurringDate }[] = [];
  if (input.birthday) occasions.push({ label: "", occasion: "birthday", date: input.birthday });
  for (const s of input.specialDates) {
    occasions.push({
      label: s.label,
      occasion: s.kind === "BIRTHDAY" ? "birthday" : s.kind === "ANNIVERSARY" ? "anniversary" : "custom",
      date: s.date,
    });
  }
  for (const o of occasions) {
    const from = input.stay && input.stay.arrivalDate < input.today ? input.stay.arrivalDate : input.today;
    for (const date of occurrencesBetween(o.date, from, stayEnd)) {
      const duringStay = !!input.stay && date >= input.stay.arrivalDate && date <= input.stay.departureDate;
      const soon = date >= input.today && date <= windowEnd;
      if (soon || duringStay) {
        alerts.push({ kind: "occasion", label: o.label, occasion: o.occasion, date, duringStay });
        break;
      }
    }
  }
  return alerts;
}
