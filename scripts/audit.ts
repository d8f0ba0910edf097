// `npm run audit -- verify`: recomputes the access register's hash chain and
// every row's digest (app/domain/audit/audit-chain.server.ts); exit 1 if any
// row was removed, inserted or changed after sealing. `npm run audit -- seal`
// seals what the every-5-minutes job has not yet.
import "dotenv/config";
import { db, disconnectDb } from "../app/db/client.server";
import { sealAuditRegister, verifyAuditRegister } from "../app/domain/audit/audit-chain.server";

const command = process.argv[2];
if (command === "seal") {
  const { sealed } = await sealAuditRegister(db());
  console.log(`Sealed ${sealed} ${sealed === 1 ? "row" : "rows"} of the access register.`);
} else if (command === "verify") {
  const verdict = await verifyAuditRegister(db());
  const head = await db().auditEntry.findFirst({
    where: { hash: { not: null } },
    orderBy: { id: "desc" },
    select: { id: true, hash: true },
  });
  console.log(
    `Access register: ${verdict.sealed} sealed, ${verdict.unsealed} awaiting the sealer, ${verdict.erased} blanked by erasure (lawful).`,
  );
  if (head) console.log(`Head: row ${head.id} ${head.hash} (keep a copy elsewhere: a rewritten chain would not end here)`);
  for (const b of verdict.broken.slice(0, 50)) console.error(`Row ${b.id}: ${b.reason}`);
  if (verdict.broken.length) {
    console.error(`TAMPERED: ${verdict.broken.length} ${verdict.broken.length === 1 ? "row fails" : "rows fail"} the check.`);
    await disconnectDb();
    process.exit(1);
  }
  console.log("Intact.");
} else {
  console.error("Usage: npm run audit -- verify | seal");
  process.exit(2);
}
await disconnectDb();
