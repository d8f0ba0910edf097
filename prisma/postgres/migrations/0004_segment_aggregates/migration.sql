-- CreateTable
CREATE TABLE "ScoreAggregate" (
    "id" SERIAL NOT NULL,
    "asOf" TEXT NOT NULL,
    "propertyId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "guests" INTEGER NOT NULL,
    "monetary" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ScoreAggregate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlyFact" (
    "id" SERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "propertyId" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "value" BIGINT NOT NULL,

    CONSTRAINT "MonthlyFact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScoreAggregate_kind_propertyId_asOf_idx" ON "ScoreAggregate"("kind", "propertyId", "asOf");

-- CreateIndex
CREATE UNIQUE INDEX "ScoreAggregate_asOf_propertyId_kind_key_key" ON "ScoreAggregate"("asOf", "propertyId", "kind", "key");

-- CreateIndex
CREATE INDEX "MonthlyFact_propertyId_month_idx" ON "MonthlyFact"("propertyId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "MonthlyFact_month_propertyId_metric_key_key" ON "MonthlyFact"("month", "propertyId", "metric", "key");
