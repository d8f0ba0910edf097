// Realistic values for seeded profiles. Enum-like lists come from the domain
// forms so seeded data is always something the app itself could have written.
import type { PREFERENCE_CATEGORIES } from "../../app/domain/preferences/preference-form";
import type { FEEDBACK_CATEGORIES } from "../../app/domain/complaints/feedback-form";
import type { Department } from "../../app/domain/staff/departments";
import type { EvidenceKind } from "../../app/domain/preferences/evidence";
import type { OUTLETS, MEAL_PERIODS } from "../../app/domain/consumption/charge-form";
import { weighted } from "./random";

type PreferenceCategory = (typeof PREFERENCE_CATEGORIES)[number];
type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];

/** The most common Chinese surnames with their approximate share (per cent); the rest come from faker's list. */
export const COMMON_SURNAMES = weighted<string>([
  ["王", 7.1],
  ["李", 7.0],
  ["张", 6.6],
  ["刘", 5.4],
  ["陈", 4.5],
  ["杨", 3.1],
  ["黄", 2.2],
  ["赵", 2.0],
  ["吴", 2.0],
  ["周", 1.9],
  ["徐", 1.3],
  ["孙", 1.3],
  ["马", 1.1],
  ["朱", 1.1],
  ["胡", 1.0],
  ["郭", 1.0],
  ["何", 0.9],
  ["林", 0.9],
  ["高", 0.9],
  ["罗", 0.9],
  ["郑", 0.8],
  ["梁", 0.8],
  ["谢", 0.6],
  ["宋", 0.6],
  ["唐", 0.6],
  ["许", 0.5],
  ["韩", 0.5],
  ["冯", 0.5],
  ["邓", 0.5],
  ["曹", 0.5],
  ["欧阳", 0.1],
  ["司马", 0.05],
]);

export const ETHNICITIES = weighted<string>([
  ["汉族", 91],
  ["壮族", 1.3],
  ["回族", 0.8],
  ["满族", 0.8],
  ["维吾尔族", 0.8],
  ["苗族", 0.7],
  ["彝族", 0.6],
  ["土家族", 0.6],
  ["藏族", 0.5],
  ["蒙古族", 0.5],
  ["朝鲜族", 0.2],
]);

export const NATIVE_PLACES = [
  "浙江杭州",
  "浙江宁波",
  "江苏苏州",
  "江苏南京",
  "上海",
  "北京",
  "广东广州",
  "广东深圳",
  "广东潮州",
  "四川成都",
  "湖南长沙",
  "湖北武汉",
  "福建厦门",
  "福建泉州",
  "山东青岛",
  "山东济南",
  "河南郑州",
  "陕西西安",
  "辽宁大连",
  "黑龙江哈尔滨",
  "天津",
  "重庆",
  "云南昆明",
  "安徽合肥",
  "江西南昌",
  "香港",
  "台湾台北",
] as const;

export type LatinLocale = "en" | "de" | "fr" | "es";
export const LATIN_LOCALES = weighted<LatinLocale>([
  ["en", 55],
  ["de", 15],
  ["fr", 15],
  ["es", 15],
]);
/** Where guests with Latin-script names come from: nationality with its calling code. */
export const LATIN_ORIGIN: Record<LatinLocale, { countries: readonly (readonly [string, string])[]; language: string }> = {
  en: {
    countries: [
      ["US", "+1"],
      ["GB", "+44"],
      ["AU", "+61"],
      ["CA", "+1"],
      ["SG", "+65"],
      ["NZ", "+64"],
    ],
    language: "en",
  },
  de: {
    countries: [
      ["DE", "+49"],
      ["AT", "+43"],
      ["CH", "+41"],
    ],
    language: "de",
  },
  fr: {
    countries: [
      ["FR", "+33"],
      ["BE", "+32"],
      ["CH", "+41"],
    ],
    language: "fr",
  },
  es: {
    countries: [
      ["ES", "+34"],
      ["MX", "+52"],
      ["AR", "+54"],
      ["CL", "+56"],
    ],
    language: "es",
  },
};

export const MOBILE_PREFIXES_CN = [
  "130",
  "131",
  "132",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "157",
  "158",
  "159",
  "166",
  "177",
  "180",
  "182",
  "186",
  "187",
  "188",
  "189",
  "199",
] as const;
/** Region codes for resident ID numbers (first six digits). */
export const ID_REGIONS = [
  "310101",
  "310104",
  "110101",
  "110105",
  "440103",
  "440305",
  "330106",
  "320102",
  "510104",
  "420102",
  "350203",
  "370202",
] as const;

export const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"] as const;

/** Bilingual preference values by category: what the desk would write down. */
export const PREFERENCE_VALUES: Record<PreferenceCategory, readonly string[]> = {
  ROOM: ["quiet room away from lift 远离电梯的安静房间", "corner room 转角房", "connecting rooms 连通房", "room near the lift 靠近电梯"],
  BED: ["king bed 大床", "twin beds 双床", "extra bed for child 儿童加床", "firm mattress 硬床垫"],
  PILLOW: [
    "buckwheat pillow 荞麦枕",
    "down pillow 羽绒枕",
    "memory foam pillow 记忆棉枕",
    "firm pillow 硬枕",
    "two extra pillows 加两个枕头",
  ],
  FLOOR: ["high floor 高楼层", "low floor 低楼层", "below 10th floor 10楼以下", "executive floor 行政楼层"],
  VIEW: ["river view 江景", "harbour view 海港景", "city view 城景", "garden view 园景"],
  SMOKING: ["non-smoking room 无烟房", "smoking room 吸烟房"],
  DIET: [
    "vegetarian 素食",
    "halal 清真",
    "no spicy food 不吃辣",
    "low sugar 低糖",
    "no beef 不吃牛肉",
    "no pork 不吃猪肉",
    "gluten-free 无麸质",
  ],
  ALLERGY: [
    "peanuts 花生",
    "seafood 海鲜",
    "shellfish 贝类",
    "gluten 麸质",
    "feathers 羽毛",
    "pollen 花粉",
    "penicillin 青霉素",
    "dust mites 尘螨",
  ],
  TABOO: [
    "no number 4 rooms 忌4",
    "no room numbers ending in 14 忌14",
    "no white flowers 忌白花",
    "no clocks as gifts 忌送钟",
    "no pears cut in half 忌分梨",
    "no green hats 忌绿帽",
  ],
  BEVERAGE: [
    "green tea 绿茶",
    "Pu'er tea 普洱茶",
    "oolong tea 乌龙茶",
    "jasmine tea 茉莉花茶",
    "black coffee 黑咖啡",
    "warm water 温水",
    "soy milk 豆浆",
    "sparkling water 气泡水",
  ],
  READING: [
    "South China Morning Post 南华早报",
    "Financial Times 金融时报",
    "Caixin 财新",
    "People's Daily 人民日报",
    "The Economist 经济学人",
  ],
  HYGIENE: [
    "extra towels 加毛巾",
    "hypoallergenic bedding 防过敏床品",
    "daily linen change 每日换床单",
    "own slippers 自带拖鞋",
    "no scented products 不用香氛",
  ],
  AMENITY: [
    "humidifier 加湿器",
    "yoga mat 瑜伽垫",
    "iron and board 熨斗熨板",
    "baby cot 婴儿床",
    "coffee machine 咖啡机",
    "air purifier 空气净化器",
  ],
  HOBBY: ["golf 高尔夫", "swimming 游泳", "calligraphy 书法", "tea ceremony 茶艺", "running 跑步", "photography 摄影", "mahjong 麻将"],
  SERVICE: [
    "late checkout 延迟退房",
    "early check-in 提前入住",
    "turn-down service 夜床服务",
    "airport pickup 接机",
    "no housekeeping before 11 上午11点前勿扰",
  ],
  OTHER: ["prefers WeChat contact 偏好微信联系", "celebrates Mid-Autumn 过中秋节", "travels with a small dog 携带小型犬"],
};

export const PREFERENCE_CATEGORY_WEIGHTS = weighted<PreferenceCategory>([
  ["PILLOW", 10],
  ["FLOOR", 10],
  ["BEVERAGE", 10],
  ["BED", 8],
  ["ROOM", 7],
  ["VIEW", 6],
  ["SMOKING", 5],
  ["DIET", 7],
  ["ALLERGY", 6],
  ["TABOO", 4],
  ["READING", 4],
  ["HYGIENE", 4],
  ["AMENITY", 5],
  ["HOBBY", 5],
  ["SERVICE", 7],
  ["OTHER", 2],
]);

/** How an inferred preference was noticed, for PROPOSED rows. */
/** How each kind of habit shows in the stays (app/domain/preferences/evidence.ts). */
export const INFERENCE_EVIDENCE: Partial<Record<PreferenceCategory, EvidenceKind>> = {
  BEVERAGE: "ordered",
  FLOOR: "given",
  SERVICE: "requested",
  PILLOW: "noted",
  VIEW: "asked",
  BED: "booked",
};

export const SPECIAL_DATE_LABELS = [
  { kind: "ANNIVERSARY", label: "Wedding anniversary 结婚纪念日" },
  { kind: "BIRTHDAY", label: "Spouse's birthday 配偶生日" },
  { kind: "BIRTHDAY", label: "Daughter's birthday 女儿生日" },
  { kind: "BIRTHDAY", label: "Son's birthday 儿子生日" },
  { kind: "BIRTHDAY", label: "Mother's birthday 母亲生日" },
  { kind: "CUSTOM", label: "Company founding day 公司成立日" },
  { kind: "CUSTOM", label: "First stay with us 首次入住纪念" },
] as const;

type FeedbackTemplate = {
  category: FeedbackCategory;
  department: Department;
  description: string;
  handling: string;
  compensation?: string;
};

export const COMPLAINTS: readonly FeedbackTemplate[] = [
  {
    category: "NOISE",
    department: "ENGINEERING",
    description: "Air conditioning rattled all night 空调整夜有噪音",
    handling: "Engineer fixed the unit; guest moved for the night 工程部维修，当晚换房",
    compensation: "Late checkout 延迟退房",
  },
  {
    category: "NOISE",
    department: "FRONT_OFFICE",
    description: "Loud party in the next room after midnight 隔壁房间午夜后吵闹",
    handling: "Security spoke to the neighbours; apology call next morning 保安劝导，次日致电道歉",
  },
  {
    category: "CLEANLINESS",
    department: "HOUSEKEEPING",
    description: "Bathroom not cleaned properly 卫生间未打扫干净",
    handling: "Room re-cleaned within 30 minutes and inspected by supervisor 30分钟内重新打扫并由主管检查",
    compensation: "Fruit basket 果篮",
  },
  {
    category: "CLEANLINESS",
    department: "HOUSEKEEPING",
    description: "Hair found on the bed linen 床单上有头发",
    handling: "Linen changed at once; housekeeping retrained 立即更换床品，客房部重新培训",
  },
  {
    category: "ROOM",
    department: "ENGINEERING",
    description: "Shower water not hot 淋浴水不热",
    handling: "Boiler valve repaired 修复热水阀门",
    compensation: "Spa voucher 水疗礼券",
  },
  {
    category: "ROOM",
    department: "FRONT_OFFICE",
    description: "Room smelled of smoke 房间有烟味",
    handling: "Moved to a non-smoking room on a higher floor 换至高楼层无烟房",
  },
  {
    category: "SERVICE",
    department: "FOOD_BEVERAGE",
    description: "Waited 40 minutes for room service 送餐等了40分钟",
    handling: "Apologised; order not charged 致歉并免单",
    compensation: "Order waived 免单",
  },
  {
    category: "FOOD",
    department: "FOOD_BEVERAGE",
    description: "Dish far too salty 菜太咸",
    handling: "Dish replaced; chef informed 重新上菜并告知厨师",
  },
  {
    category: "FOOD",
    department: "FOOD_BEVERAGE",
    description: "Served peanuts despite allergy note 有过敏记录仍上了花生",
    handling: "Manager apologised in person; allergy alert added to the kitchen 经理当面致歉，厨房增加过敏提示",
    compensation: "Dinner for two 双人晚餐",
  },
  {
    category: "BILLING",
    department: "FRONT_OFFICE",
    description: "Minibar charged twice 迷你吧重复收费",
    handling: "Duplicate charge refunded 退还重复费用",
  },
  {
    category: "FACILITIES",
    department: "ENGINEERING",
    description: "Gym treadmill broken 健身房跑步机损坏",
    handling: "Treadmill repaired next day 次日修复",
  },
  {
    category: "STAFF",
    department: "FRONT_OFFICE",
    description: "Desk agent was impolite at check-in 入住时前台态度不好",
    handling: "Manager apologised; agent coached 经理致歉并辅导员工",
  },
  {
    category: "CHECK_IN",
    department: "FRONT_OFFICE",
    description: "Room not ready at 3 pm 下午3点房间仍未准备好",
    handling: "Lounge access while waiting; upgraded 等候期间提供酒廊并升级房型",
    compensation: "Room upgrade 房型升级",
  },
  {
    category: "OTHER",
    department: "SECURITY",
    description: "Car scratched in the hotel car park 车辆在酒店停车场被刮",
    handling: "CCTV reviewed; insurance claim assisted 查看监控，协助保险理赔",
  },
];

export const SUGGESTIONS: readonly FeedbackTemplate[] = [
  { category: "FOOD", department: "FOOD_BEVERAGE", description: "Would like congee at breakfast every day 希望早餐每天有粥", handling: "" },
  { category: "FACILITIES", department: "ENGINEERING", description: "More power sockets by the bed 床边增加插座", handling: "" },
  { category: "SERVICE", department: "FRONT_OFFICE", description: "Offer express checkout by WeChat 提供微信快速退房", handling: "" },
  { category: "ROOM", department: "HOUSEKEEPING", description: "Blackout curtains could close better 遮光窗帘可以更严密", handling: "" },
];

export const COMPLIMENTS: readonly FeedbackTemplate[] = [
  {
    category: "STAFF",
    department: "FRONT_OFFICE",
    description: "Concierge found tickets for a sold-out show 礼宾帮忙买到售罄的演出票",
    handling: "",
  },
  {
    category: "SERVICE",
    department: "HOUSEKEEPING",
    description: "Housekeeper remembered the buckwheat pillow 客房服务员记得准备荞麦枕",
    handling: "",
  },
  { category: "FOOD", department: "FOOD_BEVERAGE", description: "Birthday noodles were a lovely surprise 长寿面惊喜很贴心", handling: "" },
  { category: "SERVICE", department: "SPA", description: "Excellent massage 按摩非常好", handling: "" },
];

export const GUEST_REACTION_NOTES = {
  SATISFIED: "Guest thanked the team 客人表示感谢",
  NEUTRAL: "Guest accepted the solution 客人接受处理",
  DISSATISFIED: "Guest still unhappy, asked for manager follow-up 客人仍不满意，要求经理跟进",
} as const;

type Outlet = (typeof OUTLETS)[number];
type MealPeriod = (typeof MEAL_PERIODS)[number];

/** Price per cover in whole units of CNY (HKD is scaled), meal periods served, cover range. */
export const OUTLET_PROFILES: Record<
  Outlet,
  { perCover: [number, number]; periods: readonly MealPeriod[]; covers: [number, number]; weight: number }
> = {
  "Chinese Restaurant": { perCover: [180, 600], periods: ["LUNCH", "DINNER"], covers: [1, 8], weight: 18 },
  "All-Day Dining": { perCover: [150, 350], periods: ["BREAKFAST", "LUNCH", "DINNER"], covers: [1, 4], weight: 22 },
  "Lobby Bar": { perCover: [80, 220], periods: ["AFTERNOON", "LATE_NIGHT"], covers: [1, 4], weight: 12 },
  "Room Service": { perCover: [120, 320], periods: ["BREAKFAST", "LUNCH", "DINNER", "LATE_NIGHT"], covers: [1, 2], weight: 14 },
  Spa: { perCover: [800, 2200], periods: ["NONE"], covers: [1, 2], weight: 6 },
  Minibar: { perCover: [30, 220], periods: ["NONE"], covers: [1, 1], weight: 16 },
  Banquet: { perCover: [300, 800], periods: ["LUNCH", "DINNER"], covers: [10, 120], weight: 2 },
  "Tea House": { perCover: [100, 300], periods: ["AFTERNOON"], covers: [1, 6], weight: 10 },
};

export const MEAL_HOURS: Record<MealPeriod, [number, number]> = {
  BREAKFAST: [7, 10],
  LUNCH: [12, 13],
  AFTERNOON: [15, 16],
  DINNER: [18, 21],
  LATE_NIGHT: [22, 23],
  NONE: [10, 22],
};

/** Rack rate per night in whole CNY by room type (HKD is scaled). */
export const ROOM_RATES = { STANDARD: 900, SUPERIOR: 1100, DELUXE: 1400, EXECUTIVE: 1900, SUITE: 3800, FAMILY: 1600 } as const;
