-- One greeting per guest, occasion and channel across all campaigns (app/domain/outreach/greeting-cap.ts):
-- several NULLs are allowed, so tasks outside the cap are not limited.
ALTER TABLE "OutreachTask" ADD COLUMN "greetingKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "OutreachTask_guestId_greetingKey_channel_key" ON "OutreachTask"("guestId", "greetingKey", "channel");
