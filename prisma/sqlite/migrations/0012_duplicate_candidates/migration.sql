-- CreateTable
CREATE TABLE "GuestMatchKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guestId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    CONSTRAINT "GuestMatchKey_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DuplicateCandidate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lowGuestId" INTEGER NOT NULL,
    "highGuestId" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "band" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "foundAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "decidedById" INTEGER,
    "reason" TEXT,
    CONSTRAINT "DuplicateCandidate_lowGuestId_fkey" FOREIGN KEY ("lowGuestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DuplicateCandidate_highGuestId_fkey" FOREIGN KEY ("highGuestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DuplicateCandidate_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Staff" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "GuestMatchKey_key_guestId_idx" ON "GuestMatchKey"("key", "guestId");

-- CreateIndex
CREATE UNIQUE INDEX "GuestMatchKey_guestId_key_key" ON "GuestMatchKey"("guestId", "key");

-- CreateIndex
CREATE INDEX "DuplicateCandidate_status_score_idx" ON "DuplicateCandidate"("status", "score");

-- CreateIndex
CREATE INDEX "DuplicateCandidate_highGuestId_idx" ON "DuplicateCandidate"("highGuestId");

-- CreateIndex
CREATE UNIQUE INDEX "DuplicateCandidate_lowGuestId_highGuestId_key" ON "DuplicateCandidate"("lowGuestId", "highGuestId");
