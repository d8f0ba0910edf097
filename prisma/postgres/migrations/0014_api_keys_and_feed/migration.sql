-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "apiKeyId" INTEGER;

-- AlterTable
ALTER TABLE "Charge" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "source" TEXT;

-- AlterTable
ALTER TABLE "Guest" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "source" TEXT,
ADD COLUMN     "sourceModifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Stay" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "source" TEXT,
ADD COLUMN     "sourceModifiedAt" TIMESTAMP(3),
ADD COLUMN     "sourceSequence" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Survey" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "source" TEXT;

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKeyProperty" (
    "apiKeyId" INTEGER NOT NULL,
    "propertyId" INTEGER NOT NULL,

    CONSTRAINT "ApiKeyProperty_pkey" PRIMARY KEY ("apiKeyId","propertyId")
);

-- CreateTable
CREATE TABLE "IdempotentRequest" (
    "id" SERIAL NOT NULL,
    "apiKeyId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "responseBody" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotentRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadLetter" (
    "id" SERIAL NOT NULL,
    "apiKeyId" INTEGER,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "errorCode" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "DeadLetter_pkey" PRIMARY KEY ("id")
);

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
CREATE UNIQUE INDEX "Stay_source_externalId_key" ON "Stay"("source", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_source_externalId_key" ON "Survey"("source", "externalId");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyProperty" ADD CONSTRAINT "ApiKeyProperty_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyProperty" ADD CONSTRAINT "ApiKeyProperty_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;
