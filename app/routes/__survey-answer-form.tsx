// The 0–10 question and the comment, as the guest's link page and the staff's
// stay survey page both ask them: a radio group (keyboard and screen readers
// need no slider), the comment kept after a failed submit.
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { surveyAnswerSchema } from "~/domain/loyalty/loyalty-forms";
import { useT } from "~/i18n/use-t";
import { FieldErrors, FormErrors } from "~/ui/fields";

const SCORES = Array.from({ length: 11 }, (_, i) => i);

export function SurveyAnswerForm({ lastResult, submitLabel }: { lastResult?: SubmissionResult<string[]> | null; submitLabel: string }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "survey-answer",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: surveyAnswerSchema }),
  });
  const chosen = fields.score.value;
  return (
    <Form method="post" {...getFormProps(form)} className="stack survey-form">
      <FormErrors errors={form.errors} />
      <fieldset aria-describedby={fields.score.errors?.length ? fields.score.errorId : undefined}>
        <legend>{t("survey.question")}</legend>
        <div className="score-scale" role="radiogroup" aria-label={t("survey.question")}>
          {SCORES.map((n) => (
            <label key={n} className="score-choice">
              <input type="radio" name={fields.score.name} value={String(n)} defaultChecked={chosen === String(n)} />
              <span>{n}</span>
            </label>
          ))}
        </div>
        <p className="hint score-ends">
          <span>{t("survey.scaleLow")}</span> <span>{t("survey.scaleHigh")}</span>
        </p>
        <FieldErrors field={fields.score} />
      </fieldset>
      <div className="field">
        <label htmlFor={fields.comment.id}>{t("survey.comment")}</label>
        <textarea {...getTextareaProps(fields.comment, { ariaAttributes: true })} rows={4} />
        <FieldErrors field={fields.comment} />
      </div>
      <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}
