-- CreateTable
CREATE TABLE "ScoreCutPoints" (
    "asOf" TEXT NOT NULL PRIMARY KEY,
    "recency" JSONB NOT NULL,
    "frequency" JSONB NOT NULL,
    "monetary" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
