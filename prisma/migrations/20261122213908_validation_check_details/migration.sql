-- AlterTable
ALTER TABLE "ValidationCheck" ADD COLUMN "linkHref" TEXT;
ALTER TABLE "ValidationCheck" ADD COLUMN "linkLabel" TEXT;
ALTER TABLE "ValidationCheck" ADD COLUMN "raw" TEXT;
ALTER TABLE "ValidationCheck" ADD COLUMN "title" TEXT;

