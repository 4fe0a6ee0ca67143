-- AlterTable
ALTER TABLE "ValidationCheck" ADD COLUMN     "linkHref" TEXT,
ADD COLUMN     "linkLabel" TEXT,
ADD COLUMN     "raw" TEXT,
ADD COLUMN     "title" TEXT;

