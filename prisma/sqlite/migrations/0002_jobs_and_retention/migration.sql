-- CreateTable
CREATE TABLE "JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "trigger" TEXT NOT NULL DEFAULT 'schedule',
    "owner" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "counts" JSONB,
    "progress" TEXT,
    "error" TEXT,
    "startedById" INTEGER
);

-- CreateTable
CREATE TABLE "JobLease" (
    "job" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "runId" INTEGER NOT NULL,
    "leaseUntil" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RetentionPolicy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "inactivityDays" INTEGER NOT NULL DEFAULT 1095,
    "graceDays" INTEGER NOT NULL DEFAULT 30,
    "exemptFutureStay" BOOLEAN NOT NULL DEFAULT true,
    "exemptOpenComplaint" BOOLEAN NOT NULL DEFAULT true,
    "exemptLegalHold" BOOLEAN NOT NULL DEFAULT true,
    "exemptVipLevel" INTEGER DEFAULT 3,
    "exemptRecentConsent" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" INTEGER
);

-- CreateTable
CREATE TABLE "ErasureCertificate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "guestId" INTEGER NOT NULL,
    "profileNumber" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "categories" JSONB NOT NULL,
    "erasedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erasedById" INTEGER
);

-- AlterTable: added columns only, so ADD COLUMN instead of Prisma's table
-- rebuild (which would copy every guest row on a large archive).
ALTER TABLE "Guest" ADD COLUMN "legalHold" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Guest" ADD COLUMN "legalHoldReason" TEXT;
ALTER TABLE "Guest" ADD COLUMN "anonymizedAt" DATETIME;
CREATE INDEX "Guest_deletedReason_deletedAt_idx" ON "Guest"("deletedReason", "deletedAt");

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ErasureCertificate_number_key" ON "ErasureCertificate"("number");

-- CreateIndex
CREATE INDEX "ErasureCertificate_guestId_idx" ON "ErasureCertificate"("guestId");
