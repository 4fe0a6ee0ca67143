-- AlterTable
ALTER TABLE "Connector" ADD COLUMN "azureResource" TEXT;
ALTER TABLE "Connector" ADD COLUMN "azureTarget" TEXT;
ALTER TABLE "Connector" ADD COLUMN "draftMissing" TEXT;

