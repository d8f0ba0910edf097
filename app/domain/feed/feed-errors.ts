// Why a valid feed message could not be applied: each code is answered (REST
// and OpenTravel alike) and kept with the message as a dead letter until an
// admin has fixed the cause and reprocesses it.
export const FEED_ERROR_CODES = [
  "unknownProperty",
  "invalidTransition",
  "propertyChanged",
  "unknownReservation",
  "unknownGuest",
  "guestDeleted",
  "surveyExists",
  "unsupportedMessage",
] as const;
export type FeedErrorCode = (typeof FEED_ERROR_CODES)[number];

export class FeedError extends Error {
  constructor(
    public readonly code: FeedErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The key's property limit refused the message: the sender's mistake, answered 403 and not kept. */
export class PropertyNotAllowedError extends Error {
  constructor(public readonly propertyCode: string) {
    super(`This API key may not write for property ${propertyCode}`);
  }
}
