-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED');

-- AlterTable
ALTER TABLE "Guest" ADD COLUMN     "anonymizedAt" TIMESTAMP(3),
ADD COLUMN     "legalHold" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "legalHoldReason" TEXT;

-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "status" "JobRunStatus" NOT NULL DEFAULT 'RUNNING',
    "trigger" TEXT NOT NULL DEFAULT 'schedule',
    "owner" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "counts" JSONB,
    "progress" TEXT,
    "error" TEXT,
    "startedById" INTEGER,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "job" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "runId" INTEGER NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("job")
);

-- CreateTable
CREATE TABLE "RetentionPolicy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "inactivityDays" INTEGER NOT NULL DEFAULT 1095,
    "graceDays" INTEGER NOT NULL DEFAULT 30,
    "exemptFutureStay" BOOLEAN NOT NULL DEFAULT true,
    "exemptOpenComplaint" BOOLEAN NOT NULL DEFAULT true,
    "exemptLegalHold" BOOLEAN NOT NULL DEFAULT true,
    "exemptVipLevel" INTEGER DEFAULT 3,
    "exemptRecentConsent" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" INTEGER,

    CONSTRAINT "RetentionPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureCertificate" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "guestId" INTEGER NOT NULL,
    "profileNumber" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "categories" JSONB NOT NULL,
    "erasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erasedById" INTEGER,

    CONSTRAINT "ErasureCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ErasureCertificate_number_key" ON "ErasureCertificate"("number");

-- CreateIndex
CREATE INDEX "ErasureCertificate_guestId_idx" ON "ErasureCertificate"("guestId");

-- CreateIndex
CREATE INDEX "Guest_deletedReason_deletedAt_idx" ON "Guest"("deletedReason", "deletedAt");
