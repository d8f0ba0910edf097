-- CreateEnum
CREATE TYPE "CalendarKind" AS ENUM ('GREGORIAN', 'LUNAR');

-- CreateEnum
CREATE TYPE "CampaignKind" AS ENUM ('BIRTHDAY', 'HOLIDAY', 'VIP_CARE', 'WIN_BACK', 'EVENT_INVITATION', 'PRODUCT_TRIAL', 'REFERRAL_REWARD');

-- CreateEnum
CREATE TYPE "OutreachChannel" AS ENUM ('EMAIL', 'SMS', 'MAIL', 'PHONE', 'IN_PERSON');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "OutreachStatus" AS ENUM ('PLANNED', 'SENT', 'DONE', 'SKIPPED', 'FAILED');

-- AlterTable
ALTER TABLE "Charge" ADD COLUMN     "settlement" TEXT NOT NULL DEFAULT 'SETTLED';

-- CreateTable
CREATE TABLE "Survey" (
    "id" SERIAL NOT NULL,
    "guestId" INTEGER NOT NULL,
    "stayId" INTEGER,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuestScore" (
    "guestId" INTEGER NOT NULL,
    "asOf" TEXT NOT NULL,
    "recencyDays" INTEGER,
    "frequency" INTEGER NOT NULL,
    "monetary" INTEGER NOT NULL,
    "r" INTEGER NOT NULL,
    "f" INTEGER NOT NULL,
    "m" INTEGER NOT NULL,
    "valueTier" TEXT NOT NULL,
    "satisfaction" INTEGER,
    "npsCategory" TEXT,
    "credit" INTEGER,
    "lifecycle" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "promoter" BOOLEAN NOT NULL DEFAULT false,
    "explanation" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuestScore_pkey" PRIMARY KEY ("guestId")
);

-- CreateTable
CREATE TABLE "SegmentSnapshot" (
    "id" SERIAL NOT NULL,
    "asOf" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "SegmentSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SegmentChange" (
    "id" SERIAL NOT NULL,
    "guestId" INTEGER NOT NULL,
    "asOf" TEXT NOT NULL,
    "fromSegment" TEXT,
    "toSegment" TEXT NOT NULL,

    CONSTRAINT "SegmentChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" SERIAL NOT NULL,
    "referrerId" INTEGER NOT NULL,
    "referredName" TEXT NOT NULL,
    "referredGuestId" INTEGER,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" INTEGER,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RewardPointsEntry" (
    "id" SERIAL NOT NULL,
    "guestId" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "referralId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" INTEGER,

    CONSTRAINT "RewardPointsEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Holiday" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "calendar" "CalendarKind" NOT NULL,
    "month" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CampaignKind" NOT NULL,
    "holidayId" INTEGER,
    "audience" JSONB NOT NULL,
    "channel" "OutreachChannel" NOT NULL,
    "subjectEn" TEXT NOT NULL,
    "subjectZh" TEXT NOT NULL,
    "templateEn" TEXT NOT NULL,
    "templateZh" TEXT NOT NULL,
    "offer" TEXT,
    "leadDays" INTEGER NOT NULL DEFAULT 7,
    "eventDate" TEXT,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutreachTask" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "guestId" INTEGER NOT NULL,
    "occasionKey" TEXT NOT NULL,
    "occasionDate" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "channel" "OutreachChannel" NOT NULL,
    "status" "OutreachStatus" NOT NULL DEFAULT 'PLANNED',
    "language" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "giftSuggestion" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "outcome" TEXT,
    "handledById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutreachTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Survey_stayId_key" ON "Survey"("stayId");

-- CreateIndex
CREATE INDEX "Survey_guestId_idx" ON "Survey"("guestId");

-- CreateIndex
CREATE INDEX "GuestScore_segment_idx" ON "GuestScore"("segment");

-- CreateIndex
CREATE INDEX "GuestScore_valueTier_idx" ON "GuestScore"("valueTier");

-- CreateIndex
CREATE INDEX "GuestScore_lifecycle_idx" ON "GuestScore"("lifecycle");

-- CreateIndex
CREATE UNIQUE INDEX "SegmentSnapshot_asOf_segment_key" ON "SegmentSnapshot"("asOf", "segment");

-- CreateIndex
CREATE INDEX "SegmentChange_asOf_toSegment_idx" ON "SegmentChange"("asOf", "toSegment");

-- CreateIndex
CREATE UNIQUE INDEX "SegmentChange_guestId_asOf_key" ON "SegmentChange"("guestId", "asOf");

-- CreateIndex
CREATE INDEX "Referral_referrerId_idx" ON "Referral"("referrerId");

-- CreateIndex
CREATE INDEX "RewardPointsEntry_guestId_idx" ON "RewardPointsEntry"("guestId");

-- CreateIndex
CREATE UNIQUE INDEX "Holiday_code_key" ON "Holiday"("code");

-- CreateIndex
CREATE INDEX "Campaign_status_kind_idx" ON "Campaign"("status", "kind");

-- CreateIndex
CREATE INDEX "OutreachTask_status_dueDate_idx" ON "OutreachTask"("status", "dueDate");

-- CreateIndex
CREATE INDEX "OutreachTask_guestId_idx" ON "OutreachTask"("guestId");

-- CreateIndex
CREATE UNIQUE INDEX "OutreachTask_campaignId_guestId_occasionKey_key" ON "OutreachTask"("campaignId", "guestId", "occasionKey");

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_stayId_fkey" FOREIGN KEY ("stayId") REFERENCES "Stay"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestScore" ADD CONSTRAINT "GuestScore_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RewardPointsEntry" ADD CONSTRAINT "RewardPointsEntry_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_holidayId_fkey" FOREIGN KEY ("holidayId") REFERENCES "Holiday"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutreachTask" ADD CONSTRAINT "OutreachTask_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutreachTask" ADD CONSTRAINT "OutreachTask_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
