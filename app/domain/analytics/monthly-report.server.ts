// The monthly archive report (article 5's standard report): new profiles,
// archive updates, complaints and whether they were handled on time,
// outreach done, stays and revenue, and how the segments moved. Read from the
// monthly facts and score aggregates the segments job writes.
import { idOf } from "~/http/id-param";
import type { Db } from "~/db/client.server";
import { csvDocument, type CsvCell } from "../csv.server";
import { SEGMENTS } from "../segments/segment-names";
import { periodBounds } from "./analytics-filters";
import { num } from "~/db/sql.server";
import { addMonths } from "../calendar/months";

export type MonthlyReport = Awaited<ReturnType<typeof monthlyReport>>;

/** ?month=YYYY-MM (default: last month) and ?propertyId= of the report pages. */
export function reportParams(url: URL, today: string) {
  const requested = url.searchParams.get("month") ?? "";
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : addMonths(today.slice(0, 7), -1);
  const propertyId = idOf(url.searchParams.get("propertyId"));
  return { month, propertyId };
}

export async function monthlyReport(db: Db, o: { month: string; propertyId?: number }) {
  const properties = await db.property.findMany({
    orderBy: { id: "asc" },
    select: { id: true, code: true, name: true, nameZh: true, currency: true },
  });
  const selected = o.propertyId ? properties.filter((p) => p.id === o.propertyId) : properties;
  const currencyOf = new Map(properties.map((p) => [p.id, p.currency]));
  const { start, end } = periodBounds(o.month, o.month);
  const [facts, computed, snapshot, moves] = await Promise.all([
    db.monthlyFact.findMany({ where: { month: o.month, propertyId: { in: [0, ...selected.map((p) => p.id)] } } }),
    db.jobRun.findFirst({
      where: { job: "segments", status: "SUCCEEDED", dryRun: false },
      orderBy: { id: "desc" },
      select: { asOf: true, finishedAt: true },
    }),
    db.scoreAggregate.findFirst({
      where: { kind: "segment", propertyId: o.propertyId ?? 0, asOf: { gte: start, lt: end } },
      orderBy: { asOf: "desc" },
      select: { asOf: true },
    }),
    db.scoreAggregate.findMany({
      where: { kind: "move", propertyId: o.propertyId ?? 0, asOf: { gte: start, lt: end } },
      select: { key: true, guests: true },
    }),
  ]);
  const segmentsAtEnd = snapshot
    ? await db.scoreAggregate.findMany({
        where: { kind: "segment", propertyId: o.propertyId ?? 0, asOf: snapshot.asOf },
        select: { key: true, guests: true },
      })
    : [];
  const sum = (metric: string, propertyScope: "chain" | "properties", key?: string) =>
    facts
      .filter(
        (f) =>
          f.metric === metric &&
          (propertyScope === "chain" ? f.propertyId === 0 : f.propertyId !== 0) &&
          (key === undefined || f.key === key),
      )
      .reduce((s, f) => s + num(f.value), 0);
  const money = (metric: string) => {
    const out: Record<string, number> = {};
    for (const f of facts)
      if (f.metric === metric && f.propertyId !== 0)
        out[currencyOf.get(f.propertyId) ?? "CNY"] = (out[currencyOf.get(f.propertyId) ?? "CNY"] ?? 0) + num(f.value);
    return out;
  };
  const byKey = (metric: string, scope: "chain" | "properties") => {
    const out = new Map<string, number>();
    for (const f of facts)
      if (f.metric === metric && (scope === "chain" ? f.propertyId === 0 : f.propertyId !== 0))
        out.set(f.key, (out.get(f.key) ?? 0) + num(f.value));
    return out;
  };
  const complaints = sum("complaints", "properties");
  const onTime = sum("complaintsOnTime", "properties");
  const guests = sum("guests", "properties");
  const repeatGuests = sum("repeatGuests", "properties");
  const complaintCategories = [...byKey("complaints", "properties")]
    .map(([category, count]) => ({
      category,
      complaints: count,
      resolved: byKey("complaintsResolved", "properties").get(category) ?? 0,
      onTime: byKey("complaintsOnTime", "properties").get(category) ?? 0,
    }))
    .sort((a, b) => b.complaints - a.complaints);
  return {
    month: o.month,
    property: selected.length === 1 && o.propertyId ? selected[0] : null,
    properties,
    computedAsOf: computed?.asOf ?? null,
    factsAvailable: facts.some((f) => f.metric === "computed"),
    archive: {
      newProfiles: sum("newProfiles", "chain"),
      profileUpdates: sum("profileUpdates", "chain"),
      profilesUpdated: sum("profilesUpdated", "chain"),
    },
    complaints: {
      received: complaints,
      resolved: sum("complaintsResolved", "properties"),
      onTime,
      onTimeRate: complaints ? onTime / complaints : null,
      byCategory: complaintCategories,
    },
    outreach: {
      done: sum("outreachDone", "chain"),
      byChannel: [...byKey("outreachDone", "chain")].map(([channel, count]) => ({ channel, count })),
    },
    stays: {
      stays: sum("stays", "properties"),
      nights: sum("nights", "properties"),
      guests,
      repeatGuests,
      repeatRate: guests ? repeatGuests / guests : null,
      roomRevenue: money("roomRevenue"),
      outletRevenue: money("outletRevenue"),
    },
    segments: {
      asOf: snapshot?.asOf ?? null,
      sizes: SEGMENTS.map((segment) => ({ segment, guests: segmentsAtEnd.find((s) => s.key === segment)?.guests ?? 0 })),
      moves: [...moves.reduce((acc, m) => acc.set(m.key, (acc.get(m.key) ?? 0) + m.guests), new Map<string, number>())]
        .map(([key, guests]) => ({ from: key.split(">")[0], to: key.split(">")[1], guests }))
        .sort((a, b) => b.guests - a.guests),
    },
  };
}

/** The report as CSV: one "section,item,value" line per figure. */
export function monthlyReportCsv(r: MonthlyReport): string {
  const lines: CsvCell[][] = [["section", "item", "value"]];
  lines.push(
    ["report", "month", r.month],
    ["report", "property", r.property?.code ?? "all"],
    ["report", "figures_as_of", r.computedAsOf ?? ""],
  );
  lines.push(
    ["archive", "new_profiles", r.archive.newProfiles],
    ["archive", "profile_updates", r.archive.profileUpdates],
    ["archive", "profiles_updated", r.archive.profilesUpdated],
  );
  lines.push(
    ["complaints", "received", r.complaints.received],
    ["complaints", "resolved", r.complaints.resolved],
    ["complaints", "handled_on_time", r.complaints.onTime],
  );
  for (const c of r.complaints.byCategory)
    lines.push([`complaints:${c.category}`, "received", c.complaints], [`complaints:${c.category}`, "handled_on_time", c.onTime]);
  lines.push(["outreach", "done", r.outreach.done]);
  for (const o of r.outreach.byChannel) lines.push(["outreach", o.channel, o.count]);
  lines.push(
    ["stays", "stays", r.stays.stays],
    ["stays", "nights", r.stays.nights],
    ["stays", "guests", r.stays.guests],
    ["stays", "repeat_guests", r.stays.repeatGuests],
  );
  for (const [currency, amount] of Object.entries(r.stays.roomRevenue)) lines.push(["revenue", `room_${currency}_minor_units`, amount]);
  for (const [currency, amount] of Object.entries(r.stays.outletRevenue))
    lines.push(["revenue", `outlets_${currency}_minor_units`, amount]);
  for (const s of r.segments.sizes) lines.push(["segments", s.segment, s.guests]);
  for (const m of r.segments.moves) lines.push(["segment_moves", `${m.from || "NEW_SCORE"}>${m.to}`, m.guests]);
  return csvDocument(lines);
}
