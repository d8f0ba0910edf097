// The rejected rows of an import as a CSV (archivists and admins): the file's
// own rows with their line and reason. The download is in the access register.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { recordAudit } from "~/domain/audit/record-audit.server";
import { csvResponse } from "~/domain/csv.server";
import { rejectedRowsCsv } from "~/domain/imports/rejected-rows.server";
import { idOf } from "~/http/id-param";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "import:run");
  const runId = idOf(new URL(request.url).searchParams.get("run"));
  const run = runId
    ? await db().importRun.findUnique({ where: { id: runId }, select: { id: true, fileName: true, rejected: true } })
    : null;
  if (!run) throw new Response("Not found", { status: 404 });
  await recordAudit(db(), actorOf(staff, request), {
    action: "EXPORT",
    entity: "ImportRun",
    entityId: run.id,
    changes: { rejectedRows: run.rejected },
  });
  return csvResponse(await rejectedRowsCsv(db(), run.id), `${run.fileName.replace(/\.[^.]+$/, "")}.rejected.csv`);
}
