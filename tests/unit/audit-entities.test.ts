// The access register names every kind of record and list read in both
// languages: a new entity without its labels fails here, not on the page.
import { describe, expect, it } from "vitest";
import { AUDIT_ENTITIES, LIST_READS } from "~/domain/audit/audit-entities";
import { isMessageKey, translate } from "~/i18n/i18n";

describe("access register labels", () => {
  it("has an English and a Chinese label for every entity, list reads included", () => {
    for (const entity of AUDIT_ENTITIES) {
      const key = `auditEntity.${entity}`;
      expect(isMessageKey(key), key).toBe(true);
      expect(translate("en", key), key).not.toBe(key);
      expect(translate("zh-CN", key), key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(LIST_READS.every((e) => (AUDIT_ENTITIES as readonly string[]).includes(e))).toBe(true);
  });

  it("counts a list read's guests as each language says them", () => {
    expect(translate("en", "audit.read.found", { count: 1 })).toBe("1 guest found");
    expect(translate("en", "audit.read.shown", { count: 20 })).toBe("20 guests shown");
    expect(translate("zh-CN", "audit.read.shown", { count: 20 })).toBe("显示 20 位宾客");
  });
});
