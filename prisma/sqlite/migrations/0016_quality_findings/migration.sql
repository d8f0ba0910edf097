-- CreateTable
CREATE TABLE "QualityFinding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ruleId" TEXT NOT NULL,
    "guestId" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "resolvedById" INTEGER,
    CONSTRAINT "QualityFinding_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QualityAcceptance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ruleId" TEXT NOT NULL,
    "guestId" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "acceptedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedById" INTEGER,
    CONSTRAINT "QualityAcceptance_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "QualityFinding_status_severity_ruleId_idx" ON "QualityFinding"("status", "severity", "ruleId");

-- CreateIndex
CREATE INDEX "QualityFinding_guestId_status_idx" ON "QualityFinding"("guestId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "QualityFinding_ruleId_guestId_subject_key" ON "QualityFinding"("ruleId", "guestId", "subject");

-- CreateIndex
CREATE INDEX "QualityAcceptance_guestId_idx" ON "QualityAcceptance"("guestId");

-- CreateIndex
CREATE UNIQUE INDEX "QualityAcceptance_ruleId_guestId_subject_fingerprint_key" ON "QualityAcceptance"("ruleId", "guestId", "subject", "fingerprint");
