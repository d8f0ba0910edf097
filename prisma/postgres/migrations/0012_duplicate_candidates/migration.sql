-- CreateEnum
CREATE TYPE "DuplicateStatus" AS ENUM ('OPEN', 'NOT_SAME', 'MERGED');

-- CreateTable
CREATE TABLE "GuestMatchKey" (
    "id" SERIAL NOT NULL,
    "guestId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "GuestMatchKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DuplicateCandidate" (
    "id" SERIAL NOT NULL,
    "lowGuestId" INTEGER NOT NULL,
    "highGuestId" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "band" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "status" "DuplicateStatus" NOT NULL DEFAULT 'OPEN',
    "foundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedById" INTEGER,
    "reason" TEXT,

    CONSTRAINT "DuplicateCandidate_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "GuestMatchKey" ADD CONSTRAINT "GuestMatchKey_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateCandidate" ADD CONSTRAINT "DuplicateCandidate_lowGuestId_fkey" FOREIGN KEY ("lowGuestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateCandidate" ADD CONSTRAINT "DuplicateCandidate_highGuestId_fkey" FOREIGN KEY ("highGuestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateCandidate" ADD CONSTRAINT "DuplicateCandidate_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;
