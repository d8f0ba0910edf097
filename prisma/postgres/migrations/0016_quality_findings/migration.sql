-- CreateEnum
CREATE TYPE "QualityFindingStatus" AS ENUM ('OPEN', 'FIXED', 'ACCEPTED');

-- CreateTable
CREATE TABLE "QualityFinding" (
    "id" SERIAL NOT NULL,
    "ruleId" TEXT NOT NULL,
    "guestId" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" "QualityFindingStatus" NOT NULL DEFAULT 'OPEN',
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" INTEGER,

    CONSTRAINT "QualityFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QualityAcceptance" (
    "id" SERIAL NOT NULL,
    "ruleId" TEXT NOT NULL,
    "guestId" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedById" INTEGER,

    CONSTRAINT "QualityAcceptance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QualityFinding_status_severity_ruleId_idx" ON "QualityFinding"("status", "severity", "ruleId");

-- CreateIndex
CREATE INDEX "QualityFinding_guestId_status_idx" ON "QualityFinding"("guestId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "QualityFinding_ruleId_guestId_subject_key" ON "QualityFinding"("ruleId", "guestId", "subject");

-- CreateIndex
CREATE INDEX "QualityAcceptance_guestId_idx" ON "QualityAcceptance"("guestId");

-- CreateIndex
CREATE UNIQUE INDEX "QualityAcceptance_ruleId_guestId_subject_fingerprint_key" ON "QualityAcceptance"("ruleId", "guestId", "subject", "fingerprint");

-- AddForeignKey
ALTER TABLE "QualityFinding" ADD CONSTRAINT "QualityFinding_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualityAcceptance" ADD CONSTRAINT "QualityAcceptance_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
