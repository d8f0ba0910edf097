import type { DbTx } from "~/db/client.server";

export async function recomputeGuestScore(_tx: DbTx, _guestId: number): Promise<void> {}
