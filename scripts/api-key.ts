// npm run api-key -- create --name NAME --scopes pms:write[,guests:read] [--property CODE]...
// npm run api-key -- list
// npm run api-key -- revoke --id N
// API keys of the PMS feed for set-up scripts (docs/decisions/019). `create`
// prints the key once: only its hash is kept. Audited as the system.
import "dotenv/config";
import { parseArgs } from "node:util";
import { createDb } from "../app/db/client.server";
import { databaseUrl } from "../app/db/provider";
import { SYSTEM_ACTOR } from "../app/domain/actor";
import { DomainError } from "../app/domain/errors";
import { API_SCOPES, createApiKey, isApiScope, listApiKeys, revokeApiKey } from "../app/domain/feed/api-keys.server";
import { textProblem } from "../app/domain/safe-text";
import { translate } from "../app/i18n/i18n";

const USAGE = `Usage:
  npm run api-key -- create --name NAME --scopes ${API_SCOPES.join("[,")}] [--property CODE]...
  npm run api-key -- list
  npm run api-key -- revoke --id N`;

const { values, positionals } = parseArgs({
  options: {
    name: { type: "string" },
    scopes: { type: "string" },
    property: { type: "string", multiple: true },
    id: { type: "string" },
  },
  allowPositionals: true,
  strict: true,
});
const command = positionals[0];
if (!["create", "list", "revoke"].includes(command ?? "")) {
  console.error(USAGE);
  process.exit(2);
}

const db = createDb(databaseUrl());
try {
  if (command === "create") {
    const name = values.name?.trim() ?? "";
    const scopes = (values.scopes ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = scopes.filter((s) => !isApiScope(s));
    if (!name || name.length > 80 || textProblem(name) !== null || !scopes.length || unknown.length) {
      if (unknown.length) console.error(`Unknown scope(s): ${unknown.join(", ")} (known: ${API_SCOPES.join(", ")})`);
      console.error(USAGE);
      process.exit(2);
    }
    const created = await createApiKey(db, SYSTEM_ACTOR, {
      name,
      scopes: scopes.filter(isApiScope),
      propertyCodes: (values.property ?? []).flatMap((p) => p.split(",")),
    });
    console.log(`Created API key #${created.id} "${created.name}" (${created.prefix}…).`);
    console.log(`Key (shown only now): ${created.key}`);
  } else if (command === "list") {
    for (const key of await listApiKeys(db)) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "live";
      const used = key.lastUsedAt ? `last used ${key.lastUsedAt.toISOString()}` : "never used";
      const properties = key.propertyCodes.length ? key.propertyCodes.join(",") : "all properties";
      console.log(`#${key.id}\t${key.prefix}…\t${key.name}\t${key.scopes.join(",")}\t${properties}\t${state}\t${used}`);
    }
  } else {
    const id = Number(values.id);
    if (!Number.isInteger(id) || id < 1) {
      console.error(USAGE);
      process.exit(2);
    }
    const { changed } = await revokeApiKey(db, SYSTEM_ACTOR, id);
    console.log(changed ? `API key #${id} revoked.` : `API key #${id} was already revoked.`);
  }
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(error.message.startsWith("error.") ? translate("en", error.message) : error.message);
  process.exitCode = 2;
} finally {
  await db.$disconnect();
}
