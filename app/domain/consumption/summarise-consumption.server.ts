// The consumption summary on a profile: what the guest spends, where, how.
// Amounts are in minor units, kept apart per currency.
import type { DbTx } from "~/db/client.server";

export type ConsumptionSummary = {
  perCurrency: { currency: string; roomRevenue: number; outletSpend: number; total: number }[];
  /** Outlet spend per cover (person), per currency. */
  perCapita: { currency: string; amount: number }[];
  favouriteOutlets: { outlet: string; visits: number }[];
  paymentMethods: { method: string; count: number }[];
  averageDiscount: number | null;
  chargeCount: number;
};

export async function summariseConsumption(db: DbTx, guestId: number): Promise<ConsumptionSummary> {
  const [byProperty, roomByProperty, outlets, payments, overall, properties] = await Promise.all([
    db.charge.groupBy({ by: ["propertyId"], where: { guestId }, _sum: { netAmount: true, covers: true } }),
    db.stay.groupBy({ by: ["propertyId"], where: { guestId, status: { in: ["CHECKED_OUT", "IN_HOUSE"] } }, _sum: { roomRevenue: true } }),
    db.charge.groupBy({ by: ["outlet"], where: { guestId }, _count: { _all: true }, orderBy: { _count: { outlet: "desc" } }, take: 3 }),
    db.charge.groupBy({
      by: ["paymentMethod"],
      where: { guestId },
      _count: { _all: true },
      orderBy: { _count: { paymentMethod: "desc" } },
    }),
    db.charge.aggregate({ where: { guestId }, _avg: { discountRate: true }, _count: { _all: true } }),
    db.property.findMany({ select: { id: true, currency: true } }),
  ]);
  const currencyOf = new Map(properties.map((p) => [p.id, p.currency]));
  const totals = new Map<string, { roomRevenue: number; outletSpend: number; covers: number }>();
  const bucket = (propertyId: number) => {
    const currency = currencyOf.get(propertyId) ?? "CNY";
    if (!totals.has(currency)) totals.set(currency, { roomRevenue: 0, outletSpend: 0, covers: 0 });
    return totals.get(currency)!;
  };
  for (const row of byProperty) {
    const b = bucket(row.propertyId);
    b.outletSpend += row._sum.netAmount ?? 0;
    b.covers += row._sum.covers ?? 0;
  }
  for (const row of roomByProperty) bucket(row.propertyId).roomRevenue += row._sum.roomRevenue ?? 0;
  return {
    perCurrency: [...totals].map(([currency, t]) => ({
      currency,
      roomRevenue: t.roomRevenue,
      outletSpend: t.outletSpend,
      total: t.roomRevenue + t.outletSpend,
    })),
    perCapita: [...totals]
      .filter(([, t]) => t.covers > 0)
      .map(([currency, t]) => ({ currency, amount: Math.round(t.outletSpend / t.covers) })),
    favouriteOutlets: outlets.map((o) => ({ outlet: o.outlet, visits: o._count._all })),
    paymentMethods: payments.map((p) => ({ method: p.paymentMethod, count: p._count._all })),
    averageDiscount: overall._count._all ? (overall._avg.discountRate ?? 0) : null,
    chargeCount: overall._count._all,
  };
}
