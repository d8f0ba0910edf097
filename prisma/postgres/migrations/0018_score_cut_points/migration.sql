-- CreateTable
CREATE TABLE "ScoreCutPoints" (
    "asOf" TEXT NOT NULL,
    "recency" JSONB NOT NULL,
    "frequency" JSONB NOT NULL,
    "monetary" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScoreCutPoints_pkey" PRIMARY KEY ("asOf")
);
