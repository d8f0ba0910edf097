import type { DbTx } from "~/db/client.server";
import { NotFoundError } from "../errors";

/** Records can only be added to a guest that is not in the recycle bin. */
export async function requireLiveGuest(tx: DbTx, guestId: number) {
  const guest = await tx.guest.findFirst({ where: { id: guestId, deletedAt: null }, select: { id: true } });
  if (!guest) throw new NotFoundError("Guest");
  return guest;
}
