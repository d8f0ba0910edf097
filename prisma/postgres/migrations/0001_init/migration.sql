-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "FeedbackKind" AS ENUM ('COMPLAINT', 'SUGGESTION', 'COMPLIMENT');

-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "HandlingFeedback" AS ENUM ('SATISFIED', 'NEUTRAL', 'DISSATISFIED');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED');

-- CreateEnum
CREATE TYPE "BirthdayCalendar" AS ENUM ('GREGORIAN', 'LUNAR');

-- CreateEnum
CREATE TYPE "PreferenceCategory" AS ENUM ('ROOM', 'BED', 'PILLOW', 'FLOOR', 'VIEW', 'SMOKING', 'DIET', 'ALLERGY', 'TABOO', 'BEVERAGE', 'READING', 'HYGIENE', 'AMENITY', 'HOBBY', 'SERVICE', 'OTHER');

-- CreateEnum
CREATE TYPE "PreferenceSource" AS ENUM ('GUEST_STATED', 'STAFF_OBSERVED', 'INFERRED');

-- CreateEnum
CREATE TYPE "PreferenceStatus" AS ENUM ('ACTIVE', 'PENDING_REVIEW', 'PROPOSED', 'REJECTED', 'RETIRED');

-- CreateEnum
CREATE TYPE "SpecialDateKind" AS ENUM ('BIRTHDAY', 'ANNIVERSARY', 'CUSTOM');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('FRONT_DESK', 'MARKETING', 'MANAGER', 'ARCHIVIST', 'ADMIN');

-- CreateEnum
CREATE TYPE "StayStatus" AS ENUM ('RESERVED', 'IN_HOUSE', 'CHECKED_OUT', 'CANCELLED', 'NO_SHOW');

-- CreateEnum
CREATE TYPE "MealPeriod" AS ENUM ('BREAKFAST', 'LUNCH', 'AFTERNOON', 'DINNER', 'LATE_NIGHT', 'NONE');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('VIEW', 'CREATE', 'UPDATE', 'DELETE', 'RESTORE', 'EXPORT', 'MERGE', 'PURGE', 'LOGIN', 'LOGIN_FAILED', 'LOGOUT');

-- CreateTable
CREATE TABLE "Feedback" (
    "id" SERIAL NOT NULL,
    "guestId" INTEGER NOT NULL,
    "stayId" INTEGER,
    "propertyId" INTEGER NOT NULL,
    "kind" "FeedbackKind" NOT NULL,
    "category" TEXT NOT NULL,
    "severity" "Severity" NOT NULL DEFAULT 'LOW',
    "department" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'OPEN',
    "handling" TEXT,
    "compensation" TEXT,
    "guestReaction" "HandlingFeedback",
    "guestReactionNote" TEXT,
    "deadline" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Guest" (
    "id" SERIAL NOT NULL,
    "profileNumber" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "familyName" TEXT,
    "givenName" TEXT,
    "namePinyin" TEXT,
    "gender" "Gender" NOT NULL DEFAULT 'UNDISCLOSED',
    "birthDate" TEXT,
    "birthdayCalendar" "BirthdayCalendar" NOT NULL DEFAULT 'GREGORIAN',
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
    "consentUpdatedAt" TIMESTAMP(3),
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "deletedReason" TEXT,
    "deletedById" INTEGER,

    CONSTRAINT "Guest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProfileNumberSequence" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "ProfileNumberSequence_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "IdentityMarker" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "labelZh" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "icon" TEXT NOT NULL,

    CONSTRAINT "IdentityMarker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuestMarker" (
    "guestId" INTEGER NOT NULL,
    "markerId" INTEGER NOT NULL,

    CONSTRAINT "GuestMarker_pkey" PRIMARY KEY ("guestId","markerId")
);

-- CreateTable
-- Search keys compare byte-wise (COLLATE "C") so a prefix is a contiguous
-- B-tree range, exactly as in SQLite (see docs/decisions/004-search-keys.md).
CREATE TABLE "GuestSearchKey" (
    "id" SERIAL NOT NULL,
    "guestId" INTEGER NOT NULL,
    "key" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "GuestSearchKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Preference" (
    "id" SERIAL NOT NULL,
    "guestId" INTEGER NOT NULL,
    "category" "PreferenceCategory" NOT NULL,
    "value" TEXT NOT NULL,
    "note" TEXT,
    "source" "PreferenceSource" NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "evidence" TEXT,
    "status" "PreferenceStatus" NOT NULL DEFAULT 'ACTIVE',
    "lastConfirmedAt" TIMESTAMP(3),
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Preference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpecialDate" (
    "id" SERIAL NOT NULL,
    "guestId" INTEGER NOT NULL,
    "kind" "SpecialDateKind" NOT NULL,
    "label" TEXT NOT NULL,
    "calendar" "BirthdayCalendar" NOT NULL DEFAULT 'GREGORIAN',
    "month" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "isLeapMonth" BOOLEAN NOT NULL DEFAULT false,
    "year" INTEGER,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpecialDate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Property" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Property_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "department" TEXT NOT NULL,
    "propertyId" INTEGER,
    "locale" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Stay" (
    "id" SERIAL NOT NULL,
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
    "status" "StayStatus" NOT NULL DEFAULT 'RESERVED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Stay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Charge" (
    "id" SERIAL NOT NULL,
    "guestId" INTEGER NOT NULL,
    "stayId" INTEGER,
    "propertyId" INTEGER NOT NULL,
    "outlet" TEXT NOT NULL,
    "mealPeriod" "MealPeriod" NOT NULL DEFAULT 'NONE',
    "covers" INTEGER NOT NULL DEFAULT 1,
    "grossAmount" INTEGER NOT NULL,
    "discountRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "netAmount" INTEGER NOT NULL,
    "paymentMethod" TEXT NOT NULL,
    "chargedAt" TIMESTAMP(3) NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Charge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEvent" (
    "id" SERIAL NOT NULL,
    "guestId" INTEGER NOT NULL,
    "happensAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "name" TEXT NOT NULL,
    "properties" JSONB,
    "actorId" INTEGER,
    "stayId" INTEGER,
    "feedbackId" INTEGER,

    CONSTRAINT "TimelineEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "staffId" INTEGER,
    "action" "AuditAction" NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" INTEGER,
    "guestId" INTEGER,
    "changes" JSONB,
    "ip" TEXT,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_stayId_fkey" FOREIGN KEY ("stayId") REFERENCES "Stay"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestMarker" ADD CONSTRAINT "GuestMarker_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestMarker" ADD CONSTRAINT "GuestMarker_markerId_fkey" FOREIGN KEY ("markerId") REFERENCES "IdentityMarker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestSearchKey" ADD CONSTRAINT "GuestSearchKey_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Preference" ADD CONSTRAINT "Preference_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecialDate" ADD CONSTRAINT "SpecialDate_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Stay" ADD CONSTRAINT "Stay_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Stay" ADD CONSTRAINT "Stay_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_stayId_fkey" FOREIGN KEY ("stayId") REFERENCES "Stay"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEvent" ADD CONSTRAINT "TimelineEvent_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "Guest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;
