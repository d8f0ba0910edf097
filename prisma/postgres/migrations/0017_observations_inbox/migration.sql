-- AlterTable
ALTER TABLE "Preference" ADD COLUMN     "department" TEXT,
ADD COLUMN     "observedKind" TEXT,
ADD COLUMN     "occasionDay" INTEGER,
ADD COLUMN     "occasionMonth" INTEGER,
ADD COLUMN     "propertyId" INTEGER,
ADD COLUMN     "rejectReason" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedById" INTEGER,
ADD COLUMN     "stayId" INTEGER;

-- CreateTable
CREATE TABLE "StaffNotification" (
    "id" SERIAL NOT NULL,
    "recipientId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "params" JSONB,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "StaffNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffNotification_recipientId_readAt_createdAt_idx" ON "StaffNotification"("recipientId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffNotification_recipientId_kind_subjectKey_key" ON "StaffNotification"("recipientId", "kind", "subjectKey");

-- CreateIndex
CREATE INDEX "Preference_status_createdAt_idx" ON "Preference"("status", "createdAt");
