-- AlterTable
ALTER TABLE "Feedback" ADD COLUMN     "acknowledgeBy" TIMESTAMP(3),
ADD COLUMN     "acknowledgedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "guestId" INTEGER,
    "propertyId" INTEGER,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recipientIds" JSONB NOT NULL,
    "clearedAt" TIMESTAMP(3),

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Escalation_clearedAt_kind_idx" ON "Escalation"("clearedAt", "kind");

-- CreateIndex
CREATE INDEX "Escalation_guestId_idx" ON "Escalation"("guestId");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_kind_subjectId_step_key" ON "Escalation"("kind", "subjectId", "step");

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
