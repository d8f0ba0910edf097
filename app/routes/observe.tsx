// The phone-sized quick form: find the guest by name, room or profile number,
// then record what was noticed — a kind (one tap), a few words, send. The
// department is the sender's and the stay the guest's current or last unless
// changed under "more". Saved like every observation (addObservation).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { idOf, orNotFound, requiredId } from "~/http/id-param";
import { readForm } from "~/http/read-form.server";
import { recordAudit } from "~/domain/audit/record-audit.server";
import { deskSearchPageAs } from "~/domain/guests/search-guests.server";
import { CHOOSABLE_CATEGORIES, fixedCategoryOf, OBSERVATION_KINDS } from "~/domain/preferences/observation-kinds";
import { observationFormSchema } from "~/domain/preferences/preference-form";
import { addObservation } from "~/domain/preferences/save-preferences.server";
import { DEPARTMENTS, isDepartment } from "~/domain/staff/departments";
import { DomainError } from "~/domain/errors";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FieldErrors, FormErrors, SelectField, TextField } from "~/ui/fields";
import { formatDate } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";

export const meta: MetaFunction = pageMeta("title.observe");

const RECENT_STAYS = 5;
const MAX_QUERY = 100;

async function chosenGuest(guestId: number) {
  return db().guest.findFirst({
    where: { id: guestId, deletedAt: null, mergedIntoId: null },
    select: {
      id: true,
      fullName: true,
      profileNumber: true,
      stays: {
        where: { status: { in: ["RESERVED", "IN_HOUSE", "CHECKED_OUT"] } },
        orderBy: [{ arrivalDate: "desc" }, { id: "desc" }],
        take: RECENT_STAYS,
        select: { id: true, arrivalDate: true, roomNumber: true, status: true },
      },
    },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "guest:search");
  const staff = await requireStaff(request, "preference:add");
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").slice(0, MAX_QUERY);
  const guestId = idOf(params.get("guest"));
  const department = isDepartment(staff.department) ? staff.department : null;
  if (guestId) {
    const guest = await chosenGuest(guestId);
    if (!guest) throw new Response("Not found", { status: 404 });
    await recordAudit(db(), actorOf(staff, request), {
      action: "VIEW",
      entity: "Guest",
      entityId: guest.id,
      guestId: guest.id,
      changes: { via: "observe" },
    });
    return json({ q, results: [], guest, department });
  }
  const search = q.trim() ? await deskSearchPageAs(db(), actorOf(staff, request), q, 1, "page") : null;
  return json({ q, results: search?.results ?? [], searched: !!search, guest: null, department });
}

export const action = (args: ActionFunctionArgs) => orNotFound(() => act(args));

async function act({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "preference:add");
  const form = await readForm(request);
  const guestId = requiredId(form.get("guestId"));
  const submission = parseWithZod(form, { schema: observationFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), observed: null }, { status: 400 });
  try {
    const saved = await addObservation(db(), actorOf(staff, request), guestId, submission.value);
    return json({ result: submission.reply({ resetForm: true }), observed: { status: saved.status } });
  } catch (error) {
    if (error instanceof DomainError)
      return json({ result: submission.reply({ formErrors: [error.messageKey] }), observed: null }, { status: 409 });
    throw error;
  }
}

type ActionData = { result: SubmissionResult<string[]>; observed: { status: string } | null } | undefined;

export default function Observe() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="observe">
      <h1>{t("observe.title")}</h1>
      {data.guest ? (
        <ObservationForm guest={data.guest} department={data.department} />
      ) : (
        <GuestPicker q={data.q} results={data.results} searched={"searched" in data && !!data.searched} />
      )}
    </section>
  );
}

function GuestPicker({
  q,
  results,
  searched,
}: {
  q: string;
  results: { id: number; fullName: string; profileNumber: string; namePinyin: string | null }[];
  searched: boolean;
}) {
  const t = useT();
  return (
    <>
      <Form method="get" className="observe-search" role="search">
        <label htmlFor="observe-q">{t("observe.search")}</label>
        <input id="observe-q" name="q" type="search" defaultValue={q} autoComplete="off" enterKeyHint="search" />
        <button type="submit" className="primary">
          {t("observe.find")}
        </button>
      </Form>
      {results.length ? (
        <>
          <h2>{t("observe.choose")}</h2>
          <ul className="observe-results">
            {results.map((g) => (
              <li key={g.id}>
                <Link className="button" to={`/observe?guest=${g.id}`}>
                  {g.fullName}
                  {g.namePinyin ? <span className="pinyin"> {g.namePinyin}</span> : null} <span className="muted">{g.profileNumber}</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : searched ? (
        <p className="muted">{t("observe.noMatch")}</p>
      ) : null}
    </>
  );
}

function ObservationForm({
  guest,
  department,
}: {
  guest: { id: number; fullName: string; profileNumber: string; stays: { id: number; arrivalDate: string; roomNumber: string | null }[] };
  department: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  const actionData = useActionData<typeof action>() as ActionData;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "form-observe",
    lastResult: actionData?.result,
    defaultValue: { kind: "PREFERENCE", department: department ?? "" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: observationFormSchema }),
  });
  const kind = (fields.kind.value ?? "PREFERENCE") as (typeof OBSERVATION_KINDS)[number];
  const needsCategory = OBSERVATION_KINDS.includes(kind) && !fixedCategoryOf(kind);
  return (
    <>
      <p>
        <strong>{t("observe.for", { name: guest.fullName })}</strong> <span className="muted">{guest.profileNumber}</span> ·{" "}
        <Link to="/observe">{t("observe.another")}</Link>
      </p>
      {actionData?.observed ? (
        <p className="notice" role="status">
          {t(actionData.observed.status === "PENDING_REVIEW" ? "observation.savedForReview" : "observation.saved", {
            name: guest.fullName,
          })}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="observe-form" aria-label={t("observe.for", { name: guest.fullName })}>
        <input type="hidden" name="guestId" value={guest.id} />
        <FormErrors errors={form.errors} />
        <fieldset className="kind-choice">
          <legend>{t("observation.kind")}</legend>
          {OBSERVATION_KINDS.map((k) => (
            <label key={k} className="kind-option">
              <input type="radio" name={fields.kind.name} value={k} defaultChecked={(fields.kind.initialValue ?? "PREFERENCE") === k} />{" "}
              {t(`observationKind.${k}`)}
            </label>
          ))}
          <FieldErrors field={fields.kind} />
        </fieldset>
        {needsCategory ? (
          <SelectField
            field={fields.category}
            label={t("preference.category")}
            options={CHOOSABLE_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            blank="—"
          />
        ) : null}
        <TextField field={fields.value} label={t("observation.text")} />
        {kind === "SPECIAL_DAY" ? (
          <div className="observe-date">
            <TextField field={fields.occasionMonth} label={t("observation.month")} type="number" inputMode="numeric" />
            <TextField field={fields.occasionDay} label={t("observation.day")} type="number" inputMode="numeric" />
          </div>
        ) : null}
        <details>
          <summary>{t("observation.more")}</summary>
          <SelectField
            field={fields.department}
            label={t("observation.department")}
            options={DEPARTMENTS.map((d) => ({ value: d, label: t(`department.${d}`) }))}
            blank="—"
          />
          <SelectField
            field={fields.stayId}
            label={t("observation.stay")}
            options={guest.stays.map((s) => ({
              value: String(s.id),
              label: `${formatDate(s.arrivalDate, locale)}${s.roomNumber ? ` · ${t("observe.room", { room: s.roomNumber })}` : ""}`,
            }))}
            blank={t("observation.stayDefault")}
          />
        </details>
        <div className="actions">
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {t("observation.add")}
          </button>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
