-- AlterTable
ALTER TABLE "ValidationCheck" ADD COLUMN     "retryAfterMs" INTEGER;

