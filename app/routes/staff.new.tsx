// A new staff account. Its one-time password is shown here once; its owner
// changes it at the first sign-in.
import { pageMeta } from "~/ui/page-meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/domain/errors";
import { listProperties } from "~/domain/properties/properties.server";
import { createStaff } from "~/domain/staff/create-staff.server";
import { createStaffSchema } from "~/domain/staff/staff-form";
import { readForm } from "~/http/read-form.server";
import { useT } from "~/i18n/use-t";
import { FormErrors, TextField } from "~/ui/fields";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { OneTimePasswordNotice, StaffPlacementFields } from "./__staff-fields";

export const meta: MetaFunction = pageMeta("title.staff-new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, "staff:manage", { context });
  return json({ properties: await listProperties(db()) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireStaff(request, "staff:manage", { context });
  const submission = parseWithZod(await readForm(request), { schema: createStaffSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), created: null }, { status: 400 });
  try {
    const created = await createStaff(db(), actorOf(admin), submission.value);
    // Shown once, never stored in clear and never cached.
    return json({ result: submission.reply({ resetForm: true }), created }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError) {
      const fieldErrors = error.messageKey === "staff.usernameTaken" ? { username: [error.messageKey] } : undefined;
      return json(
        { result: submission.reply(fieldErrors ? { fieldErrors } : { formErrors: [error.messageKey] }), created: null },
        { status: 409 },
      );
    }
    throw error;
  }
}

export default function NewStaff() {
  const { properties } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm({
    id: "new-staff",
    lastResult: data?.result,
    defaultValue: { role: "FRONT_DESK" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createStaffSchema }),
  });
  return (
    <section className="stack">
      <p>
        <Link to="/staff">{t("staff.backToList")}</Link>
      </p>
      <h1>{t("staff.new")}</h1>
      {data?.created ? (
        <>
          <OneTimePasswordNotice username={data.created.username} oneTimePassword={data.created.oneTimePassword} />
          <p>
            <Link to={`/staff/${data.created.staffId}`}>{t("staff.openAccount", { username: data.created.username })}</Link>
          </p>
        </>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="record-form grid">
        <FormErrors errors={form.errors} />
        <TextField field={fields.username} label={t("staff.username")} hint={t("staff.usernameRule")} />
        <TextField field={fields.displayName} label={t("staff.displayName")} />
        <StaffPlacementFields fields={fields} properties={properties} />
        <div className="actions">
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {t("staff.create")}
          </button>
          <Link to="/staff">{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
