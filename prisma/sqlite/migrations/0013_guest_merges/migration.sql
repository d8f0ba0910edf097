-- AlterTable
ALTER TABLE "Guest" ADD COLUMN "mergedIntoId" INTEGER;

-- CreateTable
CREATE TABLE "GuestMerge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "survivorId" INTEGER NOT NULL,
    "mergedId" INTEGER NOT NULL,
    "mergedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mergedById" INTEGER,
    "plan" JSONB NOT NULL,
    "before" JSONB NOT NULL,
    "moved" JSONB NOT NULL,
    "removed" JSONB NOT NULL,
    "undoneAt" DATETIME,
    "undoneById" INTEGER,
    "undoKept" JSONB
);

-- CreateIndex
CREATE INDEX "GuestMerge_survivorId_mergedAt_idx" ON "GuestMerge"("survivorId", "mergedAt");

-- CreateIndex
CREATE INDEX "GuestMerge_mergedId_mergedAt_idx" ON "GuestMerge"("mergedId", "mergedAt");

-- CreateIndex
CREATE INDEX "Guest_mergedIntoId_idx" ON "Guest"("mergedIntoId");
