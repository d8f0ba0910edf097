// npm run staff -- create-admin --username NAME [--name "Display name"]
// npm run staff -- reset-password --username NAME
// Staff accounts from the command line: the first administrator of a
// deployment without demo accounts (DEMO=false), and a way back in when the
// only administrator has forgotten their password. Each prints a one-time
// password once; it must be changed at the first sign-in. Audited as the system.
import "dotenv/config";
import { parseArgs } from "node:util";
import { createDb } from "../app/db/client.server";
import { databaseUrl } from "../app/db/provider";
import { SYSTEM_ACTOR } from "../app/domain/actor";
import { DomainError } from "../app/domain/errors";
import { createStaff } from "../app/domain/staff/create-staff.server";
import { resetStaffPassword } from "../app/domain/staff/reset-staff-password.server";
import { createStaffSchema } from "../app/domain/staff/staff-form";
import { translate } from "../app/i18n/i18n";

const USAGE = `Usage:
  npm run staff -- create-admin --username NAME [--name "Display name"]
  npm run staff -- reset-password --username NAME`;

const { values, positionals } = parseArgs({
  options: { username: { type: "string" }, name: { type: "string" } },
  allowPositionals: true,
  strict: true,
});
const command = positionals[0];
if ((command !== "create-admin" && command !== "reset-password") || !values.username) {
  console.error(USAGE);
  process.exit(2);
}

const db = createDb(databaseUrl());
try {
  if (command === "create-admin") {
    const parsed = createStaffSchema.safeParse({
      username: values.username,
      displayName: values.name ?? values.username,
      role: "ADMIN",
      department: "IT",
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) console.error(`${issue.path.join(".")}: ${translate("en", issue.message)}`);
      process.exit(2);
    }
    const created = await createStaff(db, SYSTEM_ACTOR, parsed.data);
    console.log(`Created administrator "${created.username}".`);
    console.log(`One-time password (shown only now): ${created.oneTimePassword}`);
    console.log("Sign in with it; you will be asked to choose your own password at once.");
  } else {
    const username = values.username.trim().toLowerCase();
    const staff = await db.staff.findUnique({ where: { username }, select: { id: true } });
    if (!staff) {
      console.error(`No staff account "${username}".`);
      process.exit(2);
    }
    const { oneTimePassword, sessionsEnded } = await resetStaffPassword(db, SYSTEM_ACTOR, staff.id);
    console.log(`Password of "${username}" reset; ${sessionsEnded} session(s) ended.`);
    console.log(`One-time password (shown only now): ${oneTimePassword}`);
  }
} catch (error) {
  if (error instanceof DomainError) {
    console.error(translate("en", error.messageKey));
    process.exit(2);
  }
  if ((error as { code?: string }).code === "P2021") {
    console.error("The database has no tables yet: run `npm run db:migrate` (or `npm start`) first.");
    process.exit(2);
  }
  throw error;
} finally {
  await db.$disconnect();
}
