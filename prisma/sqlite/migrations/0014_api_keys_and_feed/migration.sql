-- AlterTable
ALTER TABLE "Charge" ADD COLUMN "externalId" TEXT;
ALTER TABLE "Charge" ADD COLUMN "source" TEXT;

-- AlterTable
ALTER TABLE "Guest" ADD COLUMN "externalId" TEXT;
ALTER TABLE "Guest" ADD COLUMN "source" TEXT;
ALTER TABLE "Guest" ADD COLUMN "sourceModifiedAt" DATETIME;

-- AlterTable
ALTER TABLE "Survey" ADD COLUMN "externalId" TEXT;
ALTER TABLE "Survey" ADD COLUMN "source" TEXT;

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Staff" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiKeyProperty" (
    "apiKeyId" INTEGER NOT NULL,
    "propertyId" INTEGER NOT NULL,

    PRIMARY KEY ("apiKeyId", "propertyId"),
    CONSTRAINT "ApiKeyProperty_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiKeyProperty_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdempotentRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "apiKeyId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "responseBody" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DeadLetter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "apiKeyId" INTEGER,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "errorCode" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME
);

-- AlterTable: columns added in place. Prisma's diff would rebuild AuditEntry and Stay,
-- which drops the AuditEntry_link_guests trigger of migration 0010 and copies every stay.
ALTER TABLE "AuditEntry" ADD COLUMN "apiKeyId" INTEGER REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Stay" ADD COLUMN "source" TEXT;
ALTER TABLE "Stay" ADD COLUMN "externalId" TEXT;
ALTER TABLE "Stay" ADD COLUMN "sourceModifiedAt" DATETIME;
ALTER TABLE "Stay" ADD COLUMN "sourceSequence" INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX "Stay_source_externalId_key" ON "Stay"("source", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "IdempotentRequest_createdAt_idx" ON "IdempotentRequest"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotentRequest_apiKeyId_key_key" ON "IdempotentRequest"("apiKeyId", "key");

-- CreateIndex
CREATE INDEX "DeadLetter_resolvedAt_createdAt_idx" ON "DeadLetter"("resolvedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Charge_source_externalId_key" ON "Charge"("source", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Guest_source_externalId_key" ON "Guest"("source", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_source_externalId_key" ON "Survey"("source", "externalId");
