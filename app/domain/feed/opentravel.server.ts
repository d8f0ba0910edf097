// OpenTravel (OTA 2003/05) XML at POST /api/v1/ota: OTA_HotelResNotifRQ
// (ResStatus Commit, Modify, Cancel) and OTA_ProfileCreateRQ, mapped onto the
// same feed messages and handlers as the JSON API (same validation, order
// safety, idempotency and dead letters), answered with the matching RS:
// <Success/>, or <Errors> with the OTA error type (EWT) and code (ERR).
// Only the reservation's primary guest (ProfileType 1, a customer) becomes a
// guest; company (3) and travel-agent (4) profiles are not guests.
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import type { Db } from "~/db/client.server";
import { STAY_STATUSES, ROOM_TYPES } from "../stays/stay-form";
import { removeCardNumbers } from "./card-numbers";
import { FeedError, PropertyNotAllowedError, type FeedErrorCode } from "./feed-errors";
import { guestProfileMessage, reservationMessage } from "./feed-schemas";
import type { FeedCaller, FeedResult } from "./apply-feed.server";
import { upsertGuestProfile, upsertReservation } from "./apply-feed.server";
import { keepDeadLetter } from "./dead-letters.server";
import { applyOnce, fieldIssuesOf, type FeedAnswer } from "./process-message.server";
import { requestHashOf } from "./idempotency.server";

const NS = "http://www.opentravel.org/OTA/2003/05";

type Node = Record<string, any>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) =>
    ["HotelReservation", "RoomStay", "ResGuest", "ProfileInfo", "GuestCount", "Telephone", "Email", "GivenName"].includes(name),
});
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@", suppressEmptyNode: true, format: false });

/** OTA error types (EWT) and codes (ERR) the answers use. */
const OTA_ERRORS: Record<FeedErrorCode | "invalid" | "malformed" | "unsupported" | "propertyNotAllowed", { type: string; code: string }> = {
  unknownProperty: { type: "3", code: "392" }, // Invalid hotel code
  propertyNotAllowed: { type: "6", code: "497" }, // Authorization error
  invalidTransition: { type: "3", code: "450" }, // Unable to process
  propertyChanged: { type: "3", code: "450" },
  unknownReservation: { type: "3", code: "245" }, // Invalid confirmation or cancellation number
  unknownGuest: { type: "3", code: "450" },
  guestDeleted: { type: "3", code: "450" },
  surveyExists: { type: "3", code: "450" },
  unsupportedMessage: { type: "2", code: "448" }, // System error / not implemented
  unsupported: { type: "2", code: "448" },
  invalid: { type: "10", code: "321" }, // Required field missing or invalid
  malformed: { type: "10", code: "448" },
};

type OtaKind = "reservation" | "profile";
const RS_OF: Record<OtaKind, string> = { reservation: "OTA_HotelResNotifRS", profile: "OTA_ProfileCreateRS" };

function rs(kind: OtaKind, echo: Node, body: Node): string {
  const root = {
    "@xmlns": NS,
    "@Version": "1.0",
    "@TimeStamp": new Date().toISOString(),
    ...(echo["@EchoToken"] ? { "@EchoToken": String(echo["@EchoToken"]).slice(0, 128) } : {}),
    ...body,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [RS_OF[kind]]: root })}`;
}

export function otaErrors(kind: OtaKind, echo: Node, errors: { type: string; code: string; text: string }[]): string {
  return rs(kind, echo, {
    Errors: { Error: errors.map((e) => ({ "@Type": e.type, "@Code": e.code, "@ShortText": e.text.slice(0, 500) })) },
  });
}

const text = (value: unknown): string | undefined => {
  if (value == null) return undefined;
  if (typeof value === "object") return (value as Node)["#text"] != null ? String((value as Node)["#text"]) : undefined;
  const s = String(value).trim();
  return s === "" ? undefined : s;
};
const first = <T>(value: T | T[] | undefined): T | undefined => (Array.isArray(value) ? value[0] : value);

/** A customer profile's person fields (OTA Customer). */
function personOf(customer: Node | undefined) {
  const name = customer?.PersonName ?? {};
  const given = (name.GivenName ?? []).map(text).filter(Boolean).join(" ");
  const surname = text(name.Surname) ?? "";
  // A Chinese name is family name first, without a space; a Latin one given name first.
  const cjk = /[\u3400-\u9fff]/.test(surname + given);
  const fullName = (cjk ? `${surname}${given}` : [given, surname].filter(Boolean).join(" ")).trim();
  const gender = text(customer?.["@Gender"])?.toUpperCase();
  const phone = text(first(customer?.Telephone)?.["@PhoneNumber"]);
  const email = text(first(customer?.Email));
  const company = text(customer?.CompanyInfo?.CompanyName) ?? text(customer?.Employment?.["@EmployerName"]);
  const birthDate = text(customer?.["@BirthDate"]);
  return {
    fullName,
    ...(gender === "MALE" || gender === "FEMALE" ? { gender } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(company ? { company } : {}),
  };
}

/** PMS_ResStatus values (OTA code list) to the archive's stay statuses. */
function statusOf(rqStatus: string | undefined, resStatus: string | undefined): string {
  if (rqStatus?.toLowerCase() === "cancel") return "CANCELLED";
  const s = (resStatus ?? "").toLowerCase().replace(/[\s_-]/g, "");
  if (s === "inhouse" || s === "checkedin") return "IN_HOUSE";
  if (s === "checkedout") return "CHECKED_OUT";
  if (s === "cancelled" || s === "canceled") return "CANCELLED";
  if (s === "noshow") return "NO_SHOW";
  if ((STAY_STATUSES as readonly string[]).includes(s.toUpperCase())) return s.toUpperCase();
  return "RESERVED";
}

/** "1280.00" → 128000; "128000" with DecimalPlaces="2" → 128000 (OTA's implied decimals). */
function minorUnits(amount: string, decimals: string | undefined): number | undefined {
  if (!/^\d+(\.\d+)?$/.test(amount)) return undefined;
  if (!amount.includes(".") && decimals !== undefined && /^\d$/.test(decimals))
    return Math.round(Number(amount) * 10 ** (2 - Number(decimals)));
  return Math.round(Number(amount) * 100);
}

type Mapped =
  { kind: OtaKind; echo: Node; feed: "stay" | "guest"; messages: unknown[] } | { kind: OtaKind | null; echo: Node; error: string };

/** The OTA document as feed messages (not yet validated). */
export function mapOtaDocument(xml: string): Mapped {
  let doc: Node;
  try {
    doc = parser.parse(xml, true);
  } catch (error) {
    return { kind: null, echo: {}, error: `Not well-formed XML: ${(error as Error).message}` };
  }
  if (doc.OTA_HotelResNotifRQ) {
    const rq = doc.OTA_HotelResNotifRQ as Node;
    const source = text(first(rq.POS?.Source)?.RequestorID?.["@ID"]) ?? "OTA";
    const reservations = (rq.HotelReservations?.HotelReservation ?? []) as Node[];
    if (!reservations.length) return { kind: "reservation", echo: rq, error: "No HotelReservation" };
    const messages = reservations.map((res) => {
      const stay = first(res.RoomStays?.RoomStay) ?? {};
      const roomType = first(stay.RoomTypes?.RoomType) ?? {};
      const code = text(roomType["@RoomTypeCode"])?.toUpperCase();
      const rate = first(stay.RoomRates?.RoomRate)?.Rates?.Rate;
      const base = first(rate)?.Base ?? {};
      const adults = (stay.GuestCounts?.GuestCount ?? []).filter((g: Node) => text(g["@AgeQualifyingCode"]) !== "8");
      const children = (stay.GuestCounts?.GuestCount ?? []).filter((g: Node) => text(g["@AgeQualifyingCode"]) === "8");
      const count = (list: Node[]) => list.reduce((sum, g) => sum + Number(text(g["@Count"]) ?? 0), 0);
      const guests = (res.ResGuests?.ResGuest ?? []) as Node[];
      const primary = guests.find((g) => text(g["@PrimaryIndicator"]) === "true" || text(g["@PrimaryIndicator"]) === "1") ?? guests[0];
      const customerInfo = (primary?.Profiles?.ProfileInfo ?? []).find((p: Node) => (text(p.Profile?.["@ProfileType"]) ?? "1") === "1");
      const profileId = text(first(customerInfo?.UniqueID)?.["@ID"]);
      const resId =
        text(first(res.UniqueID)?.["@ID"]) ?? text(first(res.ResGlobalInfo?.HotelReservationIDs?.HotelReservationID)?.["@ResID_Value"]);
      const amount = text(base["@AmountAfterTax"]) ?? text(base["@AmountBeforeTax"]);
      return {
        source,
        externalId: resId,
        modifiedAt: text(res["@LastModifyDateTime"]) ?? text(rq["@TimeStamp"]),
        propertyCode: text(stay.BasicPropertyInfo?.["@HotelCode"]) ?? text(res.BasicPropertyInfo?.["@HotelCode"]),
        status: statusOf(text(rq["@ResStatus"]), text(res["@ResStatus"])),
        roomType: code && (ROOM_TYPES as readonly string[]).includes(code) ? code : "STANDARD",
        ...(text(roomType["@RoomID"]) ? { roomNumber: text(roomType["@RoomID"]) } : {}),
        arrivalDate: text(stay.TimeSpan?.["@Start"])?.slice(0, 10),
        departureDate: text(stay.TimeSpan?.["@End"])?.slice(0, 10),
        ...(adults.length ? { adults: count(adults) } : {}),
        ...(children.length ? { children: count(children) } : {}),
        ...(amount ? { rateAmount: minorUnits(amount, text(base["@DecimalPlaces"])) } : {}),
        bookingChannel: "OTA",
        guest: { ...(profileId ? { externalId: profileId } : {}), ...personOf(customerInfo?.Profile?.Customer) },
      };
    });
    return { kind: "reservation", echo: rq, feed: "stay", messages };
  }
  if (doc.OTA_ProfileCreateRQ) {
    const rq = doc.OTA_ProfileCreateRQ as Node;
    const profile = rq.Profile ?? {};
    if ((text(profile["@ProfileType"]) ?? "1") !== "1")
      return { kind: "profile", echo: rq, error: "Only customer profiles (ProfileType 1) are guests" };
    return {
      kind: "profile",
      echo: rq,
      feed: "guest",
      messages: [
        {
          source: text(first(rq.POS?.Source)?.RequestorID?.["@ID"]) ?? "OTA",
          externalId: text(first(rq.UniqueID)?.["@ID"]),
          modifiedAt: text(profile["@LastModifyDateTime"]) ?? text(rq["@TimeStamp"]),
          ...personOf(profile.Customer),
        },
      ],
    };
  }
  return { kind: null, echo: {}, error: "Unsupported message: OTA_HotelResNotifRQ and OTA_ProfileCreateRQ are understood" };
}

const SCHEMAS = { stay: reservationMessage, guest: guestProfileMessage } as const;
const APPLY = { stay: upsertReservation, guest: upsertGuestProfile } as const;

function successBody(kind: OtaKind, results: FeedResult[], messages: Node[]): Node {
  if (kind === "profile") return { Success: "", UniqueID: { "@Type": "1", "@ID": String(results[0].guestId) } };
  return {
    Success: "",
    HotelReservations: {
      HotelReservation: results.map((r, i) => ({
        UniqueID: { "@Type": "14", "@ID": String(messages[i].externalId) },
        ResGlobalInfo: { HotelReservationIDs: { HotelReservationID: { "@ResID_Type": "10", "@ResID_Value": String(r.id) } } },
      })),
    },
  };
}

/** The OTA message (its body as received) to its RS document. */
export async function processOtaMessage(
  db: Db,
  caller: FeedCaller,
  request: { body: string; idempotencyKey: string | null; reapply?: boolean },
): Promise<{ status: number; xml: string; outcome?: string; guestId?: number }> {
  const { text: cleaned } = removeCardNumbers(request.body);
  const mapped = mapOtaDocument(cleaned);
  const kind = mapped.kind ?? "reservation";
  if ("error" in mapped) return { status: 200, xml: otaErrors(kind, mapped.echo, [{ ...OTA_ERRORS.unsupported, text: mapped.error }]) };
  const schema = SCHEMAS[mapped.feed];
  const parsed = mapped.messages.map((m) => schema.safeParse(m));
  const issues = parsed.flatMap((p, i) => (p.success ? [] : fieldIssuesOf(p.error).map((issue) => ({ ...issue, index: i }))));
  if (issues.length)
    return {
      status: 200,
      xml: otaErrors(
        kind,
        mapped.echo,
        issues.map((i) => ({ ...OTA_ERRORS.invalid, text: `${i.path}: ${i.message}` })),
      ),
    };
  const messages = parsed.map((p) => p.data as Node);
  const idempotency = request.idempotencyKey
    ? { key: request.idempotencyKey, requestHash: requestHashOf("POST", "/api/v1/ota", cleaned) }
    : null;
  try {
    let last: FeedResult | undefined;
    const answer: FeedAnswer = await applyOnce(db, caller, idempotency, async (tx) => {
      const results: FeedResult[] = [];
      for (const message of messages) results.push(await APPLY[mapped.feed](tx, caller, message as never));
      last = results.at(-1);
      return { status: 200, body: rs(kind, mapped.echo, successBody(kind, results, messages)) };
    });
    return { status: answer.status, xml: answer.body, outcome: last?.outcome, guestId: last?.guestId };
  } catch (error) {
    if (error instanceof PropertyNotAllowedError)
      return { status: 403, xml: otaErrors(kind, mapped.echo, [{ ...OTA_ERRORS.propertyNotAllowed, text: error.message }]) };
    if (!(error instanceof FeedError)) throw error;
    if (request.reapply) throw error;
    const deadLetterId = await keepDeadLetter(db, {
      apiKeyId: caller.principal?.apiKeyId ?? null,
      kind: "ota",
      payload: cleaned,
      errorCode: error.code,
      error: error.message,
    });
    return {
      status: 200,
      xml: otaErrors(kind, mapped.echo, [
        { ...OTA_ERRORS[error.code], text: `${error.message} (kept as unapplied message ${deadLetterId})` },
      ]),
    };
  }
}
