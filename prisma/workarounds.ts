// Driver adapter factories for the Prisma CLI (migrate, db push, diff), with
// the workarounds Prisma 6.19.3 needs here. Delete each when upstream fixes it.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { providerOf, sqliteFilePath } from "../app/db/provider";

export async function cliAdapterFactory(url: string) {
  return providerOf(url) === "sqlite" ? sqliteFactory(url) : postgresFactory(url);
}

function sqliteFactory(url: string) {
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const factory = new PrismaBetterSQLite3({ url: file });
  // The shadow database replays each migration through a one-statement call
  // and fails with P3006 on multi-statement migrations: send argument-less raw
  // calls through executeScript instead.
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length === 0) {
        await shadow.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return shadow;
  };
  return factory;
}

async function postgresFactory(url: string) {
  const pg = (await import("pg")).default;
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // prisma/prisma#27403: the schema engine cannot deserialise `name` (OID 19)
  // and `"char"` (OID 18) columns. Report them as text (OID 25).
  type FieldDescription = { dataTypeID: number };
  const proto = pg.Result.prototype as unknown as { addFields(fields: FieldDescription[]): void };
  const addFields = proto.addFields;
  proto.addFields = function (fieldDescriptions: FieldDescription[]) {
    for (const field of fieldDescriptions) {
      if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
    }
    return addFields.call(this, fieldDescriptions);
  };
  // With a connectionString the shadow database would reuse the real one:
  // pass the parts separately, and create/drop our own shadow database.
  const parsed = new URL(url);
  const connection = {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.slice(1),
  };
  // @prisma/adapter-pg 6.19.3's executeScript splits a migration at every ";", also inside the
  // dollar-quoted body of a trigger function (migration 0010), which PostgreSQL then refuses:
  // "unterminated dollar-quoted string". Send such a script whole: the simple query protocol runs
  // its statements in order (in one implicit transaction).
  const wholeScripts = <A extends { executeScript(script: string): Promise<void> }>(adapter: A): A => {
    const executeScript = adapter.executeScript.bind(adapter);
    adapter.executeScript = async (script) => {
      if (!script.includes("$$")) return executeScript(script);
      const internals = adapter as unknown as { client: InstanceType<typeof pg.Pool>; onError(error: unknown): never };
      try {
        await internals.client.query(script);
      } catch (error) {
        internals.onError(error);
      }
    };
    return adapter;
  };
  const factory = new PrismaPg(connection);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => wholeScripts(await connect());
  factory.connectToShadowDb = async () => {
    const name = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
    const admin = new pg.Client(connection);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const shadowFactory = new PrismaPg({ ...connection, database: name });
    const shadow = wholeScripts(await shadowFactory.connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      const cleanup = new pg.Client(connection);
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    };
    return shadow;
  };
  return factory;
}
