-- AlterTable
ALTER TABLE "Feedback" ADD COLUMN "acknowledgeBy" DATETIME;
ALTER TABLE "Feedback" ADD COLUMN "acknowledgedAt" DATETIME;

-- CreateTable
CREATE TABLE "Escalation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "guestId" INTEGER,
    "propertyId" INTEGER,
    "dueAt" DATETIME NOT NULL,
    "firedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recipientIds" JSONB NOT NULL,
    "clearedAt" DATETIME,
    CONSTRAINT "Escalation_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Escalation_clearedAt_kind_idx" ON "Escalation"("clearedAt", "kind");

-- CreateIndex
CREATE INDEX "Escalation_guestId_idx" ON "Escalation"("guestId");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_kind_subjectId_step_key" ON "Escalation"("kind", "subjectId", "step");
