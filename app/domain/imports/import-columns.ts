// What an import file's columns can be, per kind, and the mapping suggested
// from its headers in English or Chinese (browser-safe: the upload page
// suggests as the CLI does). A mapping is {field: header as written in the file}.
export const IMPORT_KINDS = ["guests", "stays", "charges"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportField = { field: string; required: boolean; headers: readonly string[] };
export type ImportMapping = Record<string, string>;

/**
 * Header spellings per field, compared after folding (lower case, no spaces,
 * underscores, dashes, dots, brackets or colons). The first match wins; a header is used once.
 */
export const IMPORT_FIELDS = {
  guests: [
    {
      field: "externalId",
      required: false,
      headers: [
        "external id",
        "guest id",
        "profile id",
        "pms id",
        "member no",
        "member number",
        "membership number",
        "会员号",
        "会员编号",
        "会员卡号",
        "客户编号",
        "客户id",
        "档案编号",
      ],
    },
    {
      field: "fullName",
      required: true,
      headers: ["full name", "name", "guest name", "guest", "姓名", "客人姓名", "宾客姓名", "客户姓名", "名字"],
    },
    { field: "gender", required: false, headers: ["gender", "sex", "性别"] },
    { field: "birthDate", required: false, headers: ["birth date", "birthday", "date of birth", "dob", "生日", "出生日期", "出生年月日"] },
    {
      field: "phone",
      required: false,
      headers: [
        "phone",
        "mobile",
        "mobile phone",
        "cell",
        "telephone",
        "tel",
        "phone number",
        "手机",
        "手机号",
        "手机号码",
        "电话",
        "联系电话",
        "电话号码",
      ],
    },
    { field: "email", required: false, headers: ["email", "e-mail", "email address", "mail", "邮箱", "电子邮箱", "电子邮件", "邮件"] },
    {
      field: "company",
      required: false,
      headers: ["company", "employer", "organisation", "organization", "公司", "单位", "工作单位", "公司名称"],
    },
    { field: "idDocumentType", required: false, headers: ["id type", "document type", "证件类型"] },
    {
      field: "idDocumentNumber",
      required: false,
      headers: [
        "id number",
        "id no",
        "document number",
        "passport",
        "passport number",
        "证件号",
        "证件号码",
        "身份证",
        "身份证号",
        "身份证号码",
      ],
    },
    { field: "nationality", required: false, headers: ["nationality", "country", "国籍"] },
    { field: "address", required: false, headers: ["address", "地址", "住址", "联系地址"] },
    { field: "ethnicity", required: false, headers: ["ethnicity", "民族"] },
    { field: "nativePlace", required: false, headers: ["native place", "籍贯"] },
    { field: "language", required: false, headers: ["language", "语言"] },
    { field: "vipLevel", required: false, headers: ["vip", "vip level", "贵宾等级", "vip等级"] },
    { field: "notes", required: false, headers: ["notes", "note", "remarks", "comment", "comments", "备注"] },
  ],
  stays: [
    {
      field: "externalId",
      required: false,
      headers: [
        "reservation id",
        "reservation no",
        "reservation number",
        "confirmation no",
        "confirmation number",
        "booking id",
        "预订号",
        "预订编号",
        "订单号",
        "确认号",
      ],
    },
    {
      field: "guestExternalId",
      required: false,
      headers: ["guest id", "profile id", "member no", "member number", "会员号", "会员编号", "客户编号"],
    },
    { field: "profileNumber", required: false, headers: ["profile number", "archive number", "档案号"] },
    { field: "propertyCode", required: false, headers: ["property", "property code", "hotel", "hotel code", "酒店", "酒店代码", "门店"] },
    {
      field: "arrivalDate",
      required: true,
      headers: ["arrival", "arrival date", "check in", "checkin", "到店日期", "入住日期", "抵店日期"],
    },
    { field: "departureDate", required: true, headers: ["departure", "departure date", "check out", "checkout", "离店日期", "退房日期"] },
    { field: "roomNumber", required: false, headers: ["room", "room number", "room no", "房号", "房间号"] },
    { field: "roomType", required: false, headers: ["room type", "房型"] },
    { field: "bookingChannel", required: false, headers: ["channel", "booking channel", "source", "预订渠道", "渠道"] },
    { field: "purpose", required: false, headers: ["purpose", "travel purpose", "出行目的"] },
    { field: "adults", required: false, headers: ["adults", "成人", "成人数"] },
    { field: "children", required: false, headers: ["children", "儿童", "儿童数"] },
    { field: "rateAmount", required: false, headers: ["rate", "room rate", "daily rate", "房价"] },
    { field: "status", required: false, headers: ["status", "状态"] },
  ],
  charges: [
    { field: "externalId", required: false, headers: ["charge id", "transaction id", "check no", "receipt no", "流水号", "账单号"] },
    {
      field: "guestExternalId",
      required: false,
      headers: ["guest id", "profile id", "member no", "member number", "会员号", "会员编号", "客户编号"],
    },
    { field: "profileNumber", required: false, headers: ["profile number", "archive number", "档案号"] },
    {
      field: "reservationExternalId",
      required: false,
      headers: ["reservation id", "reservation no", "confirmation no", "预订号", "订单号"],
    },
    { field: "propertyCode", required: false, headers: ["property", "property code", "hotel", "hotel code", "酒店", "酒店代码", "门店"] },
    { field: "chargedAt", required: true, headers: ["date", "charged at", "charge date", "posted at", "消费日期", "消费时间", "日期"] },
    { field: "netAmount", required: true, headers: ["amount", "net amount", "total", "金额", "实收金额", "消费金额"] },
    { field: "grossAmount", required: false, headers: ["gross amount", "gross", "原价", "应收金额"] },
    { field: "outlet", required: false, headers: ["outlet", "venue", "营业点", "消费点"] },
    { field: "mealPeriod", required: false, headers: ["meal period", "meal", "餐段"] },
    { field: "covers", required: false, headers: ["covers", "guests", "用餐人数"] },
    { field: "paymentMethod", required: false, headers: ["payment", "payment method", "支付方式", "付款方式"] },
    { field: "description", required: false, headers: ["description", "item", "说明", "项目"] },
  ],
} as const satisfies Record<ImportKind, readonly ImportField[]>;

/** Stays and charges name their guest by one of these (at least one must be mapped). */
export const GUEST_REFERENCES = ["guestExternalId", "profileNumber"] as const;

export function foldHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-.:()（）：/]+/g, "");
}

export function fieldsOf(kind: ImportKind): readonly ImportField[] {
  return IMPORT_FIELDS[kind];
}

/** The mapping the headers suggest: each field to the first header spelled like one of its names. */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<string>();
  for (const { field, headers: names } of fieldsOf(kind)) {
    const folded = names.map(foldHeader);
    const header = headers.find((h) => !used.has(h) && folded.includes(foldHeader(h)));
    if (header) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}

/**
 * The required fields a mapping leaves out (or maps to a header the file does not have).
 * A stay or charge file also needs a guest reference, and a property unless one is given.
 */
export function missingFields(kind: ImportKind, mapping: ImportMapping, headers: readonly string[], hasProperty: boolean): string[] {
  const present = (field: string) => Boolean(mapping[field]) && headers.includes(mapping[field]);
  const missing = fieldsOf(kind)
    .filter((f) => f.required && !present(f.field))
    .map((f) => f.field);
  if (kind !== "guests") {
    if (!GUEST_REFERENCES.some(present) && !(kind === "charges" && present("reservationExternalId")))
      missing.push(GUEST_REFERENCES.join("|"));
    if (!hasProperty && !present("propertyCode")) missing.push("propertyCode");
  }
  return missing;
}
