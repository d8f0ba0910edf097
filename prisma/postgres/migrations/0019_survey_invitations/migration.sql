-- CreateEnum
CREATE TYPE "SurveyInvitationStatus" AS ENUM ('PLANNED', 'SENT', 'ANSWERED', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "SurveyInvitation" (
    "id" SERIAL NOT NULL,
    "stayId" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "status" "SurveyInvitationStatus" NOT NULL DEFAULT 'PLANNED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_stayId_key" ON "SurveyInvitation"("stayId");

-- CreateIndex
CREATE INDEX "SurveyInvitation_status_nextAttemptAt_idx" ON "SurveyInvitation"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_stayId_fkey" FOREIGN KEY ("stayId") REFERENCES "Stay"("id") ON DELETE CASCADE ON UPDATE CASCADE;
