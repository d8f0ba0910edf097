-- The score explanation is computed where it is shown (app/domain/analytics/explain-score.ts), not stored every night.
ALTER TABLE "GuestScore" DROP COLUMN "explanation";
