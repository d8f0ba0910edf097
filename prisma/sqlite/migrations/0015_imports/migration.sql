-- CreateTable
CREATE TABLE "ImportRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "propertyId" INTEGER,
    "mapping" JSONB NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "startedById" INTEGER,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "finishedAt" DATETIME,
    "checkpointLine" INTEGER NOT NULL DEFAULT 1,
    "totalRows" INTEGER,
    "upload" TEXT,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "linked" INTEGER NOT NULL DEFAULT 0,
    "review" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "header" JSONB,
    "undoUntil" DATETIME,
    "undoneAt" DATETIME,
    "undoneById" INTEGER,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "ImportRowOutcome" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "entity" TEXT,
    "entityId" INTEGER,
    "fingerprint" TEXT,
    "version" INTEGER,
    "before" JSONB,
    "reason" TEXT,
    "cells" JSONB,
    CONSTRAINT "ImportRowOutcome_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ImportRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportMapping" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ImportRun_fileHash_kind_status_idx" ON "ImportRun"("fileHash", "kind", "status");

-- CreateIndex
CREATE INDEX "ImportRowOutcome_runId_outcome_idx" ON "ImportRowOutcome"("runId", "outcome");

-- CreateIndex
CREATE INDEX "ImportRowOutcome_fingerprint_idx" ON "ImportRowOutcome"("fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "ImportRowOutcome_runId_line_key" ON "ImportRowOutcome"("runId", "line");

-- CreateIndex
CREATE UNIQUE INDEX "ImportMapping_kind_name_key" ON "ImportMapping"("kind", "name");
