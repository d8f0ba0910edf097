// The chain's clock has one home: the first property's zone and currency (or
// HOME_TIME_ZONE), and "today" at a property is the date in its own zone.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { chainHome, clockOf, homeOf } from "~/domain/properties/chain-clock.server";
import { plantProperty } from "../support/fixtures";

// 23:30 in Shanghai on 1 December is 10:30 in New York the same day, and 15:30 UTC.
const LATE_IN_SHANGHAI = new Date("2026-12-01T15:30:00Z");
// 00:30 in Shanghai on 2 December: still 1 December in UTC and in New York.
const JUST_AFTER_MIDNIGHT = new Date("2026-12-01T16:30:00Z");

let shanghai: number;
let newYork: number;
beforeAll(async () => {
  shanghai = (await plantProperty("CLK1", "Asia/Shanghai", "CNY")).id;
  newYork = (await plantProperty("CLK2", "America/New_York", "USD")).id;
});

describe("the chain clock", () => {
  it("keeps today per property in its own time zone", async () => {
    expect((await clockOf(db(), shanghai, LATE_IN_SHANGHAI)).today).toBe("2026-12-01");
    expect((await clockOf(db(), shanghai, JUST_AFTER_MIDNIGHT)).today).toBe("2026-12-02");
    expect(await clockOf(db(), newYork, JUST_AFTER_MIDNIGHT)).toMatchObject({ today: "2026-12-01", timeZone: "America/New_York" });
  });

  it("gives chain-wide staff the home property's clock and currency", async () => {
    expect(await chainHome(db())).toEqual({ propertyId: shanghai, timeZone: "Asia/Shanghai", currency: "CNY" });
    expect(await clockOf(db(), null, JUST_AFTER_MIDNIGHT)).toMatchObject({
      today: "2026-12-02",
      timeZone: "Asia/Shanghai",
      property: { id: shanghai },
    });
  });

  it("lets HOME_TIME_ZONE (or the older JOBS_TIME_ZONE) move the home zone, not a property's", () => {
    const properties = [{ id: 1, timeZone: "Asia/Shanghai", currency: "CNY" }];
    expect(homeOf(properties, { HOME_TIME_ZONE: "Asia/Hong_Kong" }).timeZone).toBe("Asia/Hong_Kong");
    expect(homeOf(properties, { JOBS_TIME_ZONE: "Europe/London" }).timeZone).toBe("Europe/London");
    expect(homeOf([], {})).toEqual({ propertyId: null, timeZone: "Asia/Shanghai", currency: "CNY" });
  });
});
