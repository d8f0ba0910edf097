-- The access register is chained: each sealed row carries the digest of its content and a hash over the previous row's hash and its digest (app/domain/audit/audit-chain.server.ts).
ALTER TABLE "AuditEntry" ADD COLUMN "digest" TEXT;
ALTER TABLE "AuditEntry" ADD COLUMN "hash" TEXT;
