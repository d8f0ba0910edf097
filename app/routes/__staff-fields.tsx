// Fields shared by "new staff account" and "change a staff account": role,
// department and home property, with their translated options.
import type { FieldMetadata } from "@conform-to/react";
import { ROLES } from "~/auth/permissions";
import { DEPARTMENTS } from "~/domain/staff/departments";
import { useLocale, useT } from "~/i18n/use-t";
import { SelectField, TextField } from "~/ui/fields";

export type PropertyOption = { id: number; code: string; name: string; nameZh: string };

type AnyField = FieldMetadata<any, any, string[]>;

export function StaffPlacementFields({
  fields,
  properties,
}: {
  fields: { role: AnyField; department: AnyField; email: AnyField; propertyId: AnyField };
  properties: PropertyOption[];
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <SelectField field={fields.role} label={t("staff.role")} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      <SelectField
        field={fields.department}
        label={t("staff.department")}
        options={DEPARTMENTS.map((d) => ({ value: d, label: t(`department.${d}`) }))}
        blank="—"
      />
      <TextField field={fields.email} type="email" label={t("staff.email")} hint={t("staff.emailHint")} />
      <SelectField
        field={fields.propertyId}
        label={t("staff.property")}
        options={properties.map((p) => ({ value: String(p.id), label: `${p.code} · ${locale === "zh-CN" ? p.nameZh : p.name}` }))}
        blank={t("staff.allProperties")}
      />
    </>
  );
}

/** The one-time password, shown once after creating an account or resetting its password. */
export function OneTimePasswordNotice({ username, oneTimePassword }: { username: string; oneTimePassword: string }) {
  const t = useT();
  return (
    <div className="notice stack" role="status">
      <p>{t("staff.oneTimePasswordFor", { username })}</p>
      <p className="one-time-password" data-testid="one-time-password">
        {oneTimePassword}
      </p>
      <p className="hint">{t("staff.oneTimePasswordHelp")}</p>
    </div>
  );
}
