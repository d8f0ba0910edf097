-- CreateTable
CREATE TABLE "Survey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guestId" INTEGER NOT NULL,
    "stayId" INTEGER,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Survey_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Survey_stayId_fkey" FOREIGN KEY ("stayId") REFERENCES "Stay" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuestScore" (
    "guestId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GuestScore_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SegmentSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "asOf" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "count" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "SegmentChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guestId" INTEGER NOT NULL,
    "asOf" TEXT NOT NULL,
    "fromSegment" TEXT,
    "toSegment" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "referrerId" INTEGER NOT NULL,
    "referredName" TEXT NOT NULL,
    "referredGuestId" INTEGER,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" INTEGER,
    CONSTRAINT "Referral_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RewardPointsEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guestId" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "referralId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" INTEGER,
    CONSTRAINT "RewardPointsEntry_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Holiday" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "calendar" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "holidayId" INTEGER,
    "audience" JSONB NOT NULL,
    "channel" TEXT NOT NULL,
    "subjectEn" TEXT NOT NULL,
    "subjectZh" TEXT NOT NULL,
    "templateEn" TEXT NOT NULL,
    "templateZh" TEXT NOT NULL,
    "offer" TEXT,
    "leadDays" INTEGER NOT NULL DEFAULT 7,
    "eventDate" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Campaign_holidayId_fkey" FOREIGN KEY ("holidayId") REFERENCES "Holiday" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutreachTask" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "guestId" INTEGER NOT NULL,
    "occasionKey" TEXT NOT NULL,
    "occasionDate" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "language" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "giftSuggestion" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "outcome" TEXT,
    "handledById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OutreachTask_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OutreachTask_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable: one added column, so ADD COLUMN instead of Prisma's table
-- rebuild (which would copy every charge on a large archive).
ALTER TABLE "Charge" ADD COLUMN "settlement" TEXT NOT NULL DEFAULT 'SETTLED';

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
