-- AlterTable
ALTER TABLE "ValidationRun" ADD COLUMN "digest" TEXT;

