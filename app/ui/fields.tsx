// Form fields wired to Conform: label, input, translated field errors,
// and the value the user typed kept after a failed submit.
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useT } from "~/i18n/use-t";

type AnyField = FieldMetadata<any, any, string[]>;

export function FieldErrors({ field }: { field: AnyField }) {
  const t = useT();
  if (!field.errors?.length) return null;
  return (
    <p className="field-error" id={field.errorId} role="alert">
      {field.errors.map((e) => t(e)).join(" ")}
    </p>
  );
}

export function TextField({
  field,
  label,
  type = "text",
  hint,
  ...rest
}: {
  field: AnyField;
  label: string;
  type?: "text" | "email" | "tel" | "date" | "number" | "datetime-local" | "search";
  hint?: string;
  autoFocus?: boolean;
  inputMode?: "numeric" | "decimal" | "text";
  step?: string;
  placeholder?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input {...getInputProps(field, { type, ariaAttributes: true })} {...rest} />
      {hint ? <small className="hint">{hint}</small> : null}
      <FieldErrors field={field} />
    </div>
  );
}

export function TextAreaField({ field, label }: { field: AnyField; label: string }) {
  return (
    <div className="field field-wide">
      <label htmlFor={field.id}>{label}</label>
      <textarea {...getTextareaProps(field, { ariaAttributes: true })} rows={3} />
      <FieldErrors field={field} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  options,
  blank,
  onChange,
}: {
  field: AnyField;
  label: string;
  options: { value: string; label: string }[];
  blank?: string;
  onChange?: (event: React.ChangeEvent<HTMLSelectElement>) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select {...getSelectProps(field, { ariaAttributes: true })} onChange={onChange}>
        {blank !== undefined ? <option value="">{blank}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors field={field} />
    </div>
  );
}

export function CheckboxField({ field, label }: { field: AnyField; label: string }) {
  return (
    <div className="field field-check">
      <input {...getInputProps(field, { type: "checkbox", ariaAttributes: true })} />
      <label htmlFor={field.id}>{label}</label>
      <FieldErrors field={field} />
    </div>
  );
}

/** A group of checkboxes sharing one name (markers, amenities). */
export function CheckboxGroup({
  field,
  legend,
  options,
}: {
  field: AnyField;
  legend: string;
  options: { value: string; label: React.ReactNode }[];
}) {
  const initial = field.initialValue;
  const selected = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  return (
    <fieldset className="field field-wide checkbox-group">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input type="checkbox" name={field.name} value={o.value} defaultChecked={selected.has(o.value)} /> {o.label}
        </label>
      ))}
      <FieldErrors field={field} />
    </fieldset>
  );
}

export function FormErrors({ errors }: { errors?: string[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div className="form-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  );
}
