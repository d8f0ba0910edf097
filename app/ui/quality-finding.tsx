// A data-quality finding as the queue and the profile show it: the rule, its
// severity, the suggested fix (with what the rule saw) and where to fix it.
import { useT } from "~/i18n/use-t";
import type { CompletenessField } from "~/domain/quality/completeness";

type ShownFinding = { ruleId: string; severity: string; detail: Record<string, unknown> };

export function FindingRule({ finding }: { finding: ShownFinding }) {
  const t = useT();
  return (
    <>
      <span className={`badge severity-${finding.severity.toLowerCase()}`}>{t(`quality.severity.${finding.severity}`)}</span>{" "}
      {t(`quality.rule.${finding.ruleId}`)}
    </>
  );
}

export function FindingFix({ finding }: { finding: ShownFinding }) {
  const t = useT();
  const params = Object.fromEntries(
    Object.entries(finding.detail).filter((e): e is [string, string | number] => typeof e[1] === "string" || typeof e[1] === "number"),
  );
  return (
    <>
      {t(`quality.fix.${finding.ruleId}`, params)}
      {finding.ruleId === "email-domain" && finding.detail.suggestion ? (
        <> {t("quality.fix.email-domain.misspelt", { suggestion: String(finding.detail.suggestion) })}</>
      ) : null}
    </>
  );
}

export function MissingFields({ fields }: { fields: readonly CompletenessField[] }) {
  const t = useT();
  return (
    <span className="hint">
      {fields.length
        ? t("quality.missing", { fields: fields.map((f) => t(`quality.field.${f}`)).join(", ") })
        : t("quality.nothingMissing")}
    </span>
  );
}

/** The profile's card headings, by the section a rule's fix names. */
const SECTION_ANCHORS: Record<string, string> = {
  stays: "stays-h",
  consumption: "spend-h",
  preferences: "prefs-h",
  feedback: "feedback-h",
  profile: "basics-h",
};

/** Where a finding is fixed: the edit form (the field named in the hash), or the profile's card. */
export function fixHref(guestId: number, fix: { field: string } | { section: string }): string {
  return "field" in fix ? `/guests/${guestId}/edit#${fix.field}` : `/guests/${guestId}#${SECTION_ANCHORS[fix.section] ?? "quality-h"}`;
}
