// Word-of-mouth data for a planned guest: post-stay surveys (~60 % of
// checked-out stays), disputed and unpaid postings, and for a few happy
// regulars a referral with its reward points. Drawn from a generator of its
// own (seed, guest number), so adding it changed nothing else a guest gets.
import { hashInts, Rng, weighted } from "./random";
import type { GuestPlan } from "./plan";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** A guest's usual mood: most are pleased, some lukewarm, a few unhappy. */
const MOODS = weighted([
  [9.3, 45],
  [8.2, 30],
  [6.8, 15],
  [4.5, 10],
] as const);
export const SURVEY_RATE = 0.6;

const COMMENTS: Record<"high" | "mid" | "low", readonly string[]> = {
  high: [
    "Wonderful stay, the staff remembered everything 员工记得我的所有习惯",
    "Will recommend to friends 会推荐给朋友",
    "Best breakfast in town 早餐很棒",
    "Quiet room, perfect sleep 房间安静，睡得很好",
  ],
  mid: ["Good, but check-in was slow 不错，但入住办理较慢", "Room a bit small 房间略小", "Fine for business 商务出行还可以"],
  low: ["Noisy at night 晚上太吵", "Room not clean on arrival 入住时房间不干净", "Disappointed with the service 对服务失望"],
};

const REFERRED = [
  "Li Wei 李伟",
  "Wang Fang 王芳",
  "Zhang Min 张敏",
  "Liu Yang 刘洋",
  "Chen Jie 陈杰",
  "Anna Schmidt",
  "Tom Baker",
  "Marie Dubois",
  "Carlos Ruiz",
  "Huang Lei 黄磊",
] as const;

export function planLoyalty(plan: GuestPlan, o: { seed: number; index: number; nowMs: number; offsetMinutes: number }) {
  const rng = new Rng(hashInts(o.seed, o.index, 0x10a1));
  const mood = rng.weighted(MOODS);
  const complaintsByStay = new Map<number, number>();
  for (const f of plan.feedback) {
    if (f.kind !== "COMPLAINT") continue;
    complaintsByStay.set(
      f.stayIndex,
      (complaintsByStay.get(f.stayIndex) ?? 0) + (f.guestReaction === "DISSATISFIED" ? 5 : f.guestReaction === "SATISFIED" ? 1 : 3),
    );
  }
  plan.stays.forEach((stay, i) => {
    // Disputed and unpaid postings: rare; unpaid ones only recently.
    for (const charge of stay.charges) {
      const r = rng.next();
      if (r < 0.012) charge.settlement = "DISPUTED";
      else if (r < 0.017 && o.nowMs - charge.chargedAt < 120 * DAY_MS) charge.settlement = "UNPAID";
    }
    if (stay.status !== "CHECKED_OUT" || !rng.chance(SURVEY_RATE)) return;
    const departedAt = (stay.arrivalDay + stay.nights) * DAY_MS + (12 - o.offsetMinutes / 60) * HOUR_MS;
    const answeredAt = Math.min(o.nowMs - HOUR_MS, departedAt + rng.int(2, 72) * HOUR_MS);
    if (answeredAt <= departedAt) return;
    const score = Math.max(0, Math.min(10, Math.round(mood + (rng.next() - 0.5) * 3 - (complaintsByStay.get(i) ?? 0))));
    const band = score >= 9 ? "high" : score >= 7 ? "mid" : "low";
    stay.survey = { score, comment: rng.chance(0.3) ? rng.pick(COMMENTS[band]) : null, answeredAt };
  });
  // Happy regulars sometimes bring a friend: a referral worth 500 points, some redeemed later.
  const checkedOut = plan.stays.filter((s) => s.status === "CHECKED_OUT");
  if (mood >= 9 && checkedOut.length >= 3 && rng.chance(0.12)) {
    const referrals = rng.chance(0.25) ? 2 : 1;
    plan.referrals = [];
    for (let k = 0; k < referrals; k++) {
      const after = checkedOut[rng.int(0, checkedOut.length - 1)];
      const createdAt = Math.min(o.nowMs - DAY_MS, (after.arrivalDay + after.nights) * DAY_MS + rng.int(3, 60) * DAY_MS);
      const redeemedAt = rng.chance(0.3) ? createdAt + rng.int(10, 120) * DAY_MS : null;
      plan.referrals.push({
        referredName: rng.pick(REFERRED),
        note: rng.chance(0.5) ? "Booked a family stay 预订了家庭房" : null,
        createdAt,
        points: 500,
        redemption: redeemedAt !== null && redeemedAt < o.nowMs ? { points: -300, reason: "Spa voucher 水疗券", at: redeemedAt } : null,
      });
    }
  }
}
