-- AlterTable
ALTER TABLE "Preference" ADD COLUMN "department" TEXT;
ALTER TABLE "Preference" ADD COLUMN "observedKind" TEXT;
ALTER TABLE "Preference" ADD COLUMN "occasionDay" INTEGER;
ALTER TABLE "Preference" ADD COLUMN "occasionMonth" INTEGER;
ALTER TABLE "Preference" ADD COLUMN "propertyId" INTEGER;
ALTER TABLE "Preference" ADD COLUMN "rejectReason" TEXT;
ALTER TABLE "Preference" ADD COLUMN "reviewedAt" DATETIME;
ALTER TABLE "Preference" ADD COLUMN "reviewedById" INTEGER;
ALTER TABLE "Preference" ADD COLUMN "stayId" INTEGER;

-- CreateTable
CREATE TABLE "StaffNotification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "recipientId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "params" JSONB,
    "link" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME
);

-- CreateIndex
CREATE INDEX "StaffNotification_recipientId_readAt_createdAt_idx" ON "StaffNotification"("recipientId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffNotification_recipientId_kind_subjectKey_key" ON "StaffNotification"("recipientId", "kind", "subjectKey");

-- CreateIndex
CREATE INDEX "Preference_status_createdAt_idx" ON "Preference"("status", "createdAt");
