-- CreateTable
CREATE TABLE "Feedback" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guestId" INTEGER NOT NULL,
    "stayId" INTEGER,
    "propertyId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'LOW',
    "department" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "handling" TEXT,
    "compensation" TEXT,
    "guestReaction" TEXT,
    "guestReactionNote" TEXT,
    "deadline" DATETIME,
    "resolvedAt" DATETIME,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Feedback_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Feedback_stayId_fkey" FOREIGN KEY ("stayId") REFERENCES "Stay" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Feedback_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Guest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "profileNumber" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "familyName" TEXT,
    "givenName" TEXT,
    "namePinyin" TEXT,
    "gender" TEXT NOT NULL DEFAULT 'UNDISCLOSED',
    "birthDate" TEXT,
    "birthdayCalendar" TEXT NOT NULL DEFAULT 'GREGORIAN',
    "lunarBirthMonth" INTEGER,
    "lunarBirthDay" INTEGER,
    "lunarBirthLeap" BOOLEAN NOT NULL DEFAULT false,
    "ethnicity" TEXT,
    "nativePlace" TEXT,
    "nationality" TEXT,
    "address" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "company" TEXT,
    "language" TEXT NOT NULL DEFAULT 'zh-CN',
    "idDocumentType" TEXT,
    "idDocumentCipher" TEXT,
    "idDocumentLast4" TEXT,
    "vipLevel" INTEGER NOT NULL DEFAULT 0,
    "consentEmail" BOOLEAN NOT NULL DEFAULT false,
    "consentSms" BOOLEAN NOT NULL DEFAULT false,
    "consentPhone" BOOLEAN NOT NULL DEFAULT false,
    "consentMail" BOOLEAN NOT NULL DEFAULT false,
    "consentUpdatedAt" DATETIME,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "deletedReason" TEXT,
    "deletedById" INTEGER
);

-- CreateTable
CREATE TABLE "ProfileNumberSequence" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "IdentityMarker" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "labelZh" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "icon" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "GuestMarker" (
    "guestId" INTEGER NOT NULL,
    "markerId" INTEGER NOT NULL,

    PRIMARY KEY ("guestId", "markerId"),
    CONSTRAINT "GuestMarker_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GuestMarker_markerId_fkey" FOREIGN KEY ("markerId") REFERENCES "IdentityMarker" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuestSearchKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guestId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    CONSTRAINT "GuestSearchKey_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Preference" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guestId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "note" TEXT,
    "source" TEXT NOT NULL,
    "confidence" REAL NOT NULL DEFAULT 1,
    "evidence" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "lastConfirmedAt" DATETIME,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Preference_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SpecialDate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guestId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "calendar" TEXT NOT NULL DEFAULT 'GREGORIAN',
    "month" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "isLeapMonth" BOOLEAN NOT NULL DEFAULT false,
    "year" INTEGER,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SpecialDate_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Property" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "propertyId" INTEGER,
    "locale" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Staff_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Stay" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guestId" INTEGER NOT NULL,
    "propertyId" INTEGER NOT NULL,
    "roomNumber" TEXT,
    "roomType" TEXT NOT NULL,
    "arrivalDate" TEXT NOT NULL,
    "departureDate" TEXT NOT NULL,
    "nights" INTEGER NOT NULL,
    "bookingChannel" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "adults" INTEGER NOT NULL DEFAULT 1,
    "children" INTEGER NOT NULL DEFAULT 0,
    "rateAmount" INTEGER NOT NULL DEFAULT 0,
    "roomRevenue" INTEGER NOT NULL DEFAULT 0,
    "amenitiesUsed" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'RESERVED',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Stay_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Stay_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Charge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guestId" INTEGER NOT NULL,
    "stayId" INTEGER,
    "propertyId" INTEGER NOT NULL,
    "outlet" TEXT NOT NULL,
    "mealPeriod" TEXT NOT NULL DEFAULT 'NONE',
    "covers" INTEGER NOT NULL DEFAULT 1,
    "grossAmount" INTEGER NOT NULL,
    "discountRate" REAL NOT NULL DEFAULT 0,
    "netAmount" INTEGER NOT NULL,
    "paymentMethod" TEXT NOT NULL,
    "chargedAt" DATETIME NOT NULL,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Charge_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Charge_stayId_fkey" FOREIGN KEY ("stayId") REFERENCES "Stay" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Charge_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TimelineEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guestId" INTEGER NOT NULL,
    "happensAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "name" TEXT NOT NULL,
    "properties" JSONB,
    "actorId" INTEGER,
    "stayId" INTEGER,
    "feedbackId" INTEGER,
    CONSTRAINT "TimelineEvent_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "staffId" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" INTEGER,
    "guestId" INTEGER,
    "changes" JSONB,
    "ip" TEXT,
    CONSTRAINT "AuditEntry_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Feedback_guestId_status_idx" ON "Feedback"("guestId", "status");

-- CreateIndex
CREATE INDEX "Feedback_propertyId_createdAt_idx" ON "Feedback"("propertyId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Guest_profileNumber_key" ON "Guest"("profileNumber");

-- CreateIndex
CREATE INDEX "Guest_deletedAt_idx" ON "Guest"("deletedAt");

-- CreateIndex
CREATE INDEX "Guest_phone_idx" ON "Guest"("phone");

-- CreateIndex
CREATE INDEX "Guest_email_idx" ON "Guest"("email");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityMarker_code_key" ON "IdentityMarker"("code");

-- CreateIndex
CREATE INDEX "GuestMarker_markerId_idx" ON "GuestMarker"("markerId");

-- CreateIndex
CREATE INDEX "GuestSearchKey_key_guestId_idx" ON "GuestSearchKey"("key", "guestId");

-- CreateIndex
CREATE INDEX "GuestSearchKey_guestId_idx" ON "GuestSearchKey"("guestId");

-- CreateIndex
CREATE INDEX "Preference_guestId_status_idx" ON "Preference"("guestId", "status");

-- CreateIndex
CREATE INDEX "SpecialDate_guestId_idx" ON "SpecialDate"("guestId");

-- CreateIndex
CREATE UNIQUE INDEX "Property_code_key" ON "Property"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_username_key" ON "Staff"("username");

-- CreateIndex
CREATE INDEX "LoginAttempt_username_at_idx" ON "LoginAttempt"("username", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_at_idx" ON "LoginAttempt"("ip", "at");

-- CreateIndex
CREATE INDEX "Stay_guestId_arrivalDate_idx" ON "Stay"("guestId", "arrivalDate");

-- CreateIndex
CREATE INDEX "Stay_propertyId_arrivalDate_idx" ON "Stay"("propertyId", "arrivalDate");

-- CreateIndex
CREATE INDEX "Stay_status_roomNumber_idx" ON "Stay"("status", "roomNumber");

-- CreateIndex
CREATE INDEX "Charge_guestId_chargedAt_idx" ON "Charge"("guestId", "chargedAt");

-- CreateIndex
CREATE INDEX "Charge_propertyId_chargedAt_idx" ON "Charge"("propertyId", "chargedAt");

-- CreateIndex
CREATE INDEX "TimelineEvent_guestId_happensAt_idx" ON "TimelineEvent"("guestId", "happensAt");

-- CreateIndex
CREATE INDEX "AuditEntry_guestId_at_idx" ON "AuditEntry"("guestId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_staffId_at_idx" ON "AuditEntry"("staffId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");
