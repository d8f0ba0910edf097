-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "email" TEXT;
