// API keys of the PMS feed (admins): list, create (the key is shown once, in
// the answer to the create, never again), revoke. docs/decisions/019.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/domain/errors";
import { API_KEY_SCOPES, apiKeyFormSchema } from "~/domain/feed/api-key-form";
import { createApiKey, listApiKeys, revokeApiKey } from "~/domain/feed/api-keys.server";
import { idOf } from "~/http/id-param";
import { badRequest, readForm } from "~/http/read-form.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.api-keys");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "apiKeys:manage");
  const [keys, properties, deadLetters] = await Promise.all([
    listApiKeys(db()),
    db().property.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } }),
    db().deadLetter.count({ where: { resolvedAt: null } }),
  ]);
  return json({ keys, properties, deadLetters }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "apiKeys:manage");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "revoke") {
    const id = idOf(form.get("apiKeyId"));
    if (!id) throw badRequest();
    await revokeApiKey(db(), actorOf(staff, request), id);
    return json({ revoked: id });
  }
  if (intent !== "create") throw badRequest("error.unknownIntent");
  const parsed = apiKeyFormSchema.safeParse({
    name: form.get("name") ?? "",
    scopes: form.getAll("scopes"),
    propertyCodes: form.getAll("propertyCodes"),
  });
  if (!parsed.success)
    return json({ fieldErrors: parsed.error.flatten().fieldErrors as Record<string, string[] | undefined> }, { status: 400 });
  try {
    const created = await createApiKey(db(), actorOf(staff, request), parsed.data);
    return json({ created: { name: created.name, key: created.key } }, { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    if (error instanceof DomainError)
      return json({ fieldErrors: { propertyCodes: [error.messageKey] } as Record<string, string[] | undefined> }, { status: 400 });
    throw error;
  }
}

export default function ApiKeys() {
  const { keys, properties, deadLetters } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const errors: Record<string, string[] | undefined> = answer && "fieldErrors" in answer ? answer.fieldErrors : {};
  const created = answer && "created" in answer ? answer.created : null;
  return (
    <section>
      <h1>{t("apiKeys.title")}</h1>
      <p className="hint">{t("apiKeys.intro")}</p>
      <p>
        <Link to="/dead-letters">{t("apiKeys.deadLetters", { count: deadLetters })}</Link>
      </p>
      {created ? (
        <div className="card" role="status">
          <p>
            <strong>{created.name}</strong> — {t("apiKeys.createdKey")}
          </p>
          <p>
            <code data-testid="new-api-key">{created.key}</code>
          </p>
        </div>
      ) : null}
      <Form method="post" className="card stack" aria-label={t("apiKeys.create")}>
        <h2>{t("apiKeys.create")}</h2>
        <input type="hidden" name="intent" value="create" />
        <div className="field">
          <label htmlFor="api-key-name">{t("apiKeys.name")}</label>
          <input id="api-key-name" name="name" required maxLength={80} aria-invalid={errors.name ? true : undefined} />
          {errors.name ? <p className="field-error">{t(errors.name[0])}</p> : null}
        </div>
        <fieldset>
          <legend>{t("apiKeys.scopes")}</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label className="check" key={scope}>
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "pms:write"} /> {t(`apiKeys.scope.${scope}`)}
            </label>
          ))}
          {errors.scopes ? <p className="field-error">{t(errors.scopes[0])}</p> : null}
        </fieldset>
        <fieldset>
          <legend>{t("apiKeys.properties")}</legend>
          {properties.map((p) => (
            <label className="check" key={p.code}>
              <input type="checkbox" name="propertyCodes" value={p.code} /> {p.code} · {p.name}
            </label>
          ))}
          {errors.propertyCodes ? <p className="field-error">{t(errors.propertyCodes[0])}</p> : null}
        </fieldset>
        <div>
          <button type="submit" className="primary">
            {t("apiKeys.create")}
          </button>
        </div>
      </Form>
      {keys.length === 0 ? (
        <p>{t("apiKeys.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t("apiKeys.name")}</th>
                <th scope="col">{t("apiKeys.prefix")}</th>
                <th scope="col">{t("apiKeys.scopes")}</th>
                <th scope="col">{t("apiKeys.properties")}</th>
                <th scope="col">{t("apiKeys.createdBy")}</th>
                <th scope="col">{t("apiKeys.createdAt")}</th>
                <th scope="col">{t("apiKeys.lastUsed")}</th>
                <th scope="col">{t("apiKeys.state")}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td data-label={t("apiKeys.name")}>{k.name}</td>
                  <td data-label={t("apiKeys.prefix")}>
                    <code>{k.prefix}…</code>
                  </td>
                  <td data-label={t("apiKeys.scopes")}>{k.scopes.join(", ")}</td>
                  <td data-label={t("apiKeys.properties")}>
                    {k.propertyCodes.length ? k.propertyCodes.join(", ") : t("apiKeys.allProperties")}
                  </td>
                  <td data-label={t("apiKeys.createdBy")}>{k.createdBy ?? "—"}</td>
                  <td data-label={t("apiKeys.createdAt")}>{formatDateTime(k.createdAt, locale, timeZone)}</td>
                  <td data-label={t("apiKeys.lastUsed")}>
                    {k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale, timeZone) : t("apiKeys.never")}
                  </td>
                  <td data-label={t("apiKeys.state")}>
                    {k.revokedAt ? (
                      t("apiKeys.revoked", { date: formatDateTime(k.revokedAt, locale, timeZone) })
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="apiKeyId" value={k.id} />
                        {t("apiKeys.live")}{" "}
                        <button type="submit" aria-label={`${t("apiKeys.revoke")} ${k.name}`}>
                          {t("apiKeys.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
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
