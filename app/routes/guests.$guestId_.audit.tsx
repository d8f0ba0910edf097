import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { idParam, pageParam } from "~/http/id-param";
import { listAudit } from "~/domain/audit/list-audit.server";
import { useT } from "~/i18n/use-t";
import { AuditTable } from "~/ui/audit-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Pager } from "~/ui/pager";

export const meta: MetaFunction = pageMeta("title.guest-audit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, "audit:view");
  const guestId = idParam(params, "guestId");
  const guest = await db().guest.findUnique({ where: { id: guestId }, select: { id: true, fullName: true, profileNumber: true } });
  if (!guest) throw new Response("Not found", { status: 404 });
  const page = pageParam(new URL(request.url).searchParams.get("page"));
  return json({ guest, ...(await listAudit(db(), { guestId, page })) });
}

export default function GuestAudit() {
  const { guest, entries, page, pageCount } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <p>
        <Link to={`/guests/${guest.id}`}>
          ← {guest.fullName} · {guest.profileNumber}
        </Link>
      </p>
      <h1>{t("audit.guestTitle", { name: guest.fullName })}</h1>
      <AuditTable rows={entries as never} forGuestId={guest.id} />
      <Pager page={page} pageCount={pageCount} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
