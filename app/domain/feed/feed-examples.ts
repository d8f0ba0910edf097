// One valid example of each feed message: shown in the OpenAPI document and
// sent by the contract test, so the documented example is known to work.
import type { z } from "zod/v4";
import type { chargeMessage, guestProfileMessage, reservationMessage, surveyMessage } from "./feed-schemas";

export const FEED_EXAMPLES = {
  guest: {
    source: "OPERA-SHA",
    externalId: "P-77001",
    modifiedAt: "2026-11-20T10:00:00+08:00",
    fullName: "张伟",
    phone: "+86 139 0000 7700",
    email: "zhang.wei@example.cn",
    language: "zh-CN",
  },
  stay: {
    source: "OPERA-SHA",
    externalId: "R-88001",
    modifiedAt: "2026-11-20T10:05:00+08:00",
    sequence: 1,
    propertyCode: "SHA",
    status: "RESERVED",
    guest: { externalId: "P-77001", fullName: "张伟", email: "zhang.wei@example.cn" },
    roomType: "DELUXE",
    arrivalDate: "2026-12-01",
    departureDate: "2026-12-03",
    bookingChannel: "OTA",
    rateAmount: 128000,
  },
  charge: {
    source: "OPERA-SHA",
    externalId: "F-99001",
    propertyCode: "SHA",
    reservationExternalId: "R-88001",
    outlet: "Lobby Bar",
    grossAmount: 12000,
    netAmount: 12000,
    paymentMethod: "ROOM_ACCOUNT",
    chargedAt: "2026-12-01T21:30:00+08:00",
  },
  survey: {
    source: "OPERA-SHA",
    externalId: "S-99001",
    reservationExternalId: "R-88001",
    score: 9,
    comment: "Quiet room, kind staff.",
    answeredAt: "2026-12-04T09:00:00+08:00",
  },
} satisfies {
  guest: z.input<typeof guestProfileMessage>;
  stay: z.input<typeof reservationMessage>;
  charge: z.input<typeof chargeMessage>;
  survey: z.input<typeof surveyMessage>;
};
