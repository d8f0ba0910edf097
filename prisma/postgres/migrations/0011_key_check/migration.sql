-- A check value per key version (app/domain/guests/id-key-check.server.ts): a process with another ID key is refused at start-up.
-- CreateTable
CREATE TABLE "KeyCheck" (
    "purpose" TEXT NOT NULL,
    "keyVersion" INTEGER NOT NULL,
    "check" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "KeyCheck_pkey" PRIMARY KEY ("purpose","keyVersion")
);

