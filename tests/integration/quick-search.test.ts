import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { searchGuests } from "~/domain/guests/search-guests.server";
import { plantGuest, plantStaff } from "../support/fixtures";

describe("search smoke", () => {
  it("finds 张三 by zs", async () => {
    const { actor } = await plantStaff("FRONT_DESK");
    await plantGuest(actor, { fullName: "张三", phone: "13812345678" });
    await plantGuest(actor, { fullName: "赵四" });
    const results = await searchGuests(db(), "zs");
    expect(results[0].fullName).toBe("张三");
    expect((await searchGuests(db(), "5678"))[0].fullName).toBe("张三");
  });
});
