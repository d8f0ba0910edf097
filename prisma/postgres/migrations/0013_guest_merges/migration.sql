-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'UNMERGE';

-- AlterTable
ALTER TABLE "Guest" ADD COLUMN     "mergedIntoId" INTEGER;

-- CreateTable
CREATE TABLE "GuestMerge" (
    "id" SERIAL NOT NULL,
    "survivorId" INTEGER NOT NULL,
    "mergedId" INTEGER NOT NULL,
    "mergedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mergedById" INTEGER,
    "plan" JSONB NOT NULL,
    "before" JSONB NOT NULL,
    "moved" JSONB NOT NULL,
    "removed" JSONB NOT NULL,
    "undoneAt" TIMESTAMP(3),
    "undoneById" INTEGER,
    "undoKept" JSONB,

    CONSTRAINT "GuestMerge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GuestMerge_survivorId_mergedAt_idx" ON "GuestMerge"("survivorId", "mergedAt");

-- CreateIndex
CREATE INDEX "GuestMerge_mergedId_mergedAt_idx" ON "GuestMerge"("mergedId", "mergedAt");

-- CreateIndex
CREATE INDEX "Guest_mergedIntoId_idx" ON "Guest"("mergedIntoId");
