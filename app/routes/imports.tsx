// Importing a guest, stay or charge file (archivists and admins,
// docs/decisions/020): upload → columns mapped (suggested from the headers, or
// a saved mapping) with the first rows shown → dry run → import, with a
// progress bar while it runs, the rejected rows as a download, and undo.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/domain/errors";
import { fieldsOf, IMPORT_KINDS, missingFields, type ImportKind, type ImportMapping } from "~/domain/imports/import-columns";
import { ImportBusyError, ImportRefusedError, runImport, UnknownPropertyError } from "~/domain/imports/run-import.server";
import { undoImport } from "~/domain/imports/undo-import.server";
import { MAX_UPLOAD_BYTES, previewUpload, saveMapping, storeUpload, uploadPath, type UploadPreview } from "~/domain/imports/uploads.server";
import { textProblem } from "~/domain/safe-text";
import { idOf } from "~/http/id-param";
import { badRequest, formText, readForm } from "~/http/read-form.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.imports");

const NO_STORE = { headers: { "Cache-Control": "private, no-store" } };
const isKind = (k: unknown): k is ImportKind => typeof k === "string" && (IMPORT_KINDS as readonly string[]).includes(k);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "import:run");
  const runId = idOf(new URL(request.url).searchParams.get("run"));
  const [runs, run, mappings, properties] = await Promise.all([
    db().importRun.findMany({ orderBy: { id: "desc" }, take: 20 }),
    runId ? db().importRun.findUnique({ where: { id: runId } }) : null,
    db().importMapping.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], select: { id: true, kind: true, name: true } }),
    db().property.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true } }),
  ]);
  return json({ runs, run, mappings, properties, now: new Date().toISOString() }, NO_STORE);
}

type Answer = { upload?: UploadPreview; errors?: Record<string, string>; propertyCode?: string; saveAs?: string };

async function startRun(request: Request, form: FormData, staff: Awaited<ReturnType<typeof requireStaff>>) {
  const token = formText(form, "token") ?? "";
  const kind = formText(form, "kind");
  const fileName = (formText(form, "fileName") ?? "upload.csv").slice(0, 200);
  const file = uploadPath(token);
  if (!file || !isKind(kind)) throw badRequest();
  const upload = await previewUpload(db(), token, fileName, kind).catch(() => null);
  if (!upload) return json<Answer>({ errors: { file: "imports.error.upload" } }, { status: 400 });
  const mapping: ImportMapping = {};
  for (const { field } of fieldsOf(kind)) {
    const column = formText(form, `map.${field}`);
    if (column && upload.header.includes(column)) mapping[field] = column;
  }
  const propertyCode = formText(form, "propertyCode") || undefined;
  const saveAs = (formText(form, "saveAs") ?? "").trim();
  const kept = { upload: { ...upload, suggested: mapping }, propertyCode, saveAs };
  const missing = missingFields(kind, mapping, upload.header, Boolean(propertyCode));
  if (missing.length) return json<Answer>({ ...kept, errors: { mapping: missing.join(", ") } }, { status: 400 });
  if (saveAs && (saveAs.length > 80 || textProblem(saveAs)))
    return json<Answer>({ ...kept, errors: { saveAs: "error.tooLong" } }, { status: 400 });
  if (saveAs) await saveMapping(db(), staff.id, kind, saveAs, mapping);
  const dryRun = formText(form, "intent") === "dryRun";
  try {
    const runId = await new Promise<number>((resolve, reject) => {
      // The import goes on after this answer; the page follows its progress.
      runImport(db(), actorOf(staff, request), {
        kind,
        path: file,
        fileName,
        dryRun,
        asOf: new Date(),
        mapping,
        propertyCode,
        totalRows: upload.totalRows,
        upload: token,
        onStart: resolve,
      }).catch(reject);
    });
    return redirect(`/imports?run=${runId}`);
  } catch (error) {
    const key =
      error instanceof ImportBusyError
        ? "imports.error.busy"
        : error instanceof UnknownPropertyError
          ? "imports.error.property"
          : error instanceof ImportRefusedError
            ? "imports.error.missing"
            : null;
    if (!key) throw error;
    return json<Answer>({ ...kept, errors: { mapping: key } }, { status: 400 });
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "import:run");
  const form = await readForm(request);
  const intent = formText(form, "intent");
  if (intent === "upload") {
    const kind = formText(form, "kind");
    const file = form.get("file");
    if (!isKind(kind)) return json<Answer>({ errors: { kind: "error.required" } }, { status: 400 });
    if (!(file instanceof Blob) || file.size === 0 || file.size > MAX_UPLOAD_BYTES)
      return json<Answer>({ errors: { file: "imports.error.file" } }, { status: 400 });
    const savedMappingId = idOf(formText(form, "savedMappingId"));
    const name = (file as File).name || "upload.csv";
    const upload = await storeUpload(db(), { bytes: new Uint8Array(await file.arrayBuffer()), fileName: name, kind, savedMappingId });
    return json<Answer>({ upload }, NO_STORE);
  }
  if (intent === "dryRun" || intent === "import") return startRun(request, form, staff);
  if (intent === "undo") {
    const runId = idOf(formText(form, "runId"));
    if (!runId) throw badRequest();
    try {
      await undoImport(db(), actorOf(staff, request), runId);
    } catch (error) {
      if (error instanceof DomainError) return json<Answer>({ errors: { undo: error.messageKey } }, { status: 400 });
      throw error;
    }
    return redirect(`/imports?run=${runId}`);
  }
  throw badRequest("error.unknownIntent");
}

const COUNTS = ["created", "updated", "linked", "review", "unchanged", "rejected"] as const;

function RunPanel() {
  const { run, now } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Answer | undefined;
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const revalidator = useRevalidator();
  const running = run?.status === "RUNNING";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  if (!run) return null;
  const mapping = run.mapping as ImportMapping;
  const undoable = !run.dryRun && run.status === "DONE" && run.undoUntil && run.undoUntil > now;
  return (
    <section className="card stack" aria-label={run.fileName} data-testid="import-run">
      <h2>
        {run.fileName} · {t(`imports.kind.${run.kind}`)} {run.dryRun ? `(${t("imports.dryRunTag")})` : ""}
      </h2>
      <p role="status" data-testid="import-status">
        {t(`imports.status.${run.status}`)}
      </p>
      <progress
        max={run.totalRows ?? run.rowsRead ?? 1}
        value={run.rowsRead}
        aria-label={t("imports.progress", { done: run.rowsRead, total: run.totalRows ?? "?" })}
      />
      <p>{t("imports.progress", { done: run.rowsRead, total: run.totalRows ?? "?" })}</p>
      <dl className="stack">
        {COUNTS.map((c) => (
          <div key={c}>
            <dt>{t(`imports.count.${c}`)}</dt>
            <dd data-testid={`count-${c}`}>{run[c]}</dd>
          </div>
        ))}
      </dl>
      {run.rejected > 0 && run.status !== "RUNNING" ? (
        <p>
          <a href={`/imports/rejected.csv?run=${run.id}`} download>
            {t("imports.rejectedRows", { count: run.rejected })}
          </a>
        </p>
      ) : null}
      {run.upload && ((run.dryRun && run.status === "DONE") || (!run.dryRun && run.status === "FAILED")) ? (
        <Form method="post">
          <input type="hidden" name="token" value={run.upload} />
          <input type="hidden" name="kind" value={run.kind} />
          <input type="hidden" name="fileName" value={run.fileName} />
          {Object.entries(mapping).map(([field, column]) => (
            <input key={field} type="hidden" name={`map.${field}`} value={column} />
          ))}
          <button type="submit" name="intent" value="import" className="primary">
            {run.dryRun ? t("imports.runNow") : t("imports.resume")}
          </button>
        </Form>
      ) : null}
      {undoable ? (
        <Form method="post">
          <input type="hidden" name="runId" value={run.id} />
          <p className="hint">{t("imports.undoUntil", { date: formatDateTime(run.undoUntil!, locale, timeZone) })}</p>
          <button type="submit" name="intent" value="undo">
            {t("imports.undo")}
          </button>
          {answer?.errors?.undo ? <p className="field-error">{t(answer.errors.undo)}</p> : null}
        </Form>
      ) : null}
    </section>
  );
}

function MappingForm({ upload, answer }: { upload: UploadPreview; answer: Answer }) {
  const { properties } = useLoaderData<typeof loader>();
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const errors = answer.errors ?? {};
  return (
    <Form method="post" className="card stack" aria-label={t("imports.mapping")}>
      <h2>{t("imports.mapping")}</h2>
      <p className="hint">
        {upload.fileName} —{" "}
        {t("imports.fileFacts", {
          format: upload.facts.format.toUpperCase(),
          encoding: upload.facts.encoding ?? "XLSX",
          count: upload.totalRows,
        })}
      </p>
      <input type="hidden" name="token" value={upload.token} />
      <input type="hidden" name="kind" value={upload.kind} />
      <input type="hidden" name="fileName" value={upload.fileName} />
      <p className="hint">{t("imports.mapping.hint")}</p>
      <div className="form-grid">
        {fieldsOf(upload.kind).map(({ field, required }) => (
          <div className="field" key={field}>
            <label htmlFor={`map-${field}`}>
              {t(`imports.field.${field}`)}
              {required ? " *" : ""}
            </label>
            <select id={`map-${field}`} name={`map.${field}`} defaultValue={upload.suggested[field] ?? ""}>
              <option value="">{t("imports.column.none")}</option>
              {upload.header.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      {errors.mapping ? (
        <p className="field-error" role="alert">
          {errors.mapping.startsWith("imports.") ? t(errors.mapping) : t("imports.error.missing", { fields: errors.mapping })}
        </p>
      ) : null}
      {upload.kind !== "guests" ? (
        <div className="field">
          <label htmlFor="import-property">{t("imports.property")}</label>
          <select id="import-property" name="propertyCode" defaultValue={answer.propertyCode ?? ""}>
            <option value="">{t("imports.property.none")}</option>
            {properties.map((p) => (
              <option key={p.code} value={p.code}>
                {p.code} · {p.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="import-save-as">{t("imports.saveAs")}</label>
        <input id="import-save-as" name="saveAs" maxLength={80} defaultValue={answer.saveAs ?? ""} />
        {errors.saveAs ? <p className="field-error">{t(errors.saveAs)}</p> : null}
      </div>
      <h3>{t("imports.preview")}</h3>
      <div className="table-scroll">
        <table data-testid="import-preview">
          <thead>
            <tr>
              {upload.header.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {upload.preview.map((row, r) => (
              <tr key={r}>
                {upload.header.map((h, i) => (
                  <td key={i} data-label={h}>
                    {row[i] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="dryRun" disabled={busy}>
          {t("imports.dryRun")}
        </button>{" "}
        <button type="submit" name="intent" value="import" className="primary" disabled={busy}>
          {t("imports.run")}
        </button>
      </div>
    </Form>
  );
}

export default function Imports() {
  const { runs, mappings } = useLoaderData<typeof loader>();
  const answer = (useActionData<typeof action>() as Answer | undefined) ?? {};
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const errors = answer.errors ?? {};
  return (
    <section>
      <h1>{t("imports.title")}</h1>
      <p className="hint">{t("imports.intro")}</p>
      <RunPanel />
      {answer.upload ? (
        <MappingForm upload={answer.upload} answer={answer} />
      ) : (
        <Form method="post" encType="multipart/form-data" className="card stack" aria-label={t("imports.upload")}>
          <div className="field">
            <label htmlFor="import-kind">{t("imports.kind")}</label>
            <select id="import-kind" name="kind" defaultValue="guests">
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`imports.kind.${k}`)}
                </option>
              ))}
            </select>
            {errors.kind ? <p className="field-error">{t(errors.kind)}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="import-file">{t("imports.file")}</label>
            <input
              id="import-file"
              type="file"
              name="file"
              accept=".csv,.txt,.xlsx,text/csv"
              required
              aria-invalid={errors.file ? true : undefined}
            />
            {errors.file ? <p className="field-error">{t(errors.file)}</p> : null}
          </div>
          {mappings.length ? (
            <div className="field">
              <label htmlFor="import-saved">{t("imports.savedMapping")}</label>
              <select id="import-saved" name="savedMappingId" defaultValue="">
                <option value="">{t("imports.savedMapping.none")}</option>
                {mappings.map((m) => (
                  <option key={m.id} value={m.id}>
                    {t(`imports.kind.${m.kind}`)} · {m.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <button type="submit" name="intent" value="upload" className="primary">
              {t("imports.upload")}
            </button>
          </div>
        </Form>
      )}
      <h2>{t("imports.runs")}</h2>
      {runs.length === 0 ? (
        <p>{t("imports.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t("imports.fileName")}</th>
                <th scope="col">{t("imports.kind")}</th>
                <th scope="col">{t("imports.startedAt")}</th>
                {COUNTS.map((c) => (
                  <th scope="col" key={c}>
                    {t(`imports.count.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td data-label={t("imports.fileName")}>
                    <Link to={`/imports?run=${r.id}`}>{r.fileName}</Link> {r.dryRun ? `(${t("imports.dryRunTag")})` : ""} ·{" "}
                    {t(`imports.status.${r.status}`)}
                  </td>
                  <td data-label={t("imports.kind")}>{t(`imports.kind.${r.kind}`)}</td>
                  <td data-label={t("imports.startedAt")}>{formatDateTime(r.startedAt, locale, timeZone)}</td>
                  {COUNTS.map((c) => (
                    <td key={c} data-label={t(`imports.count.${c}`)}>
                      {r[c]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
