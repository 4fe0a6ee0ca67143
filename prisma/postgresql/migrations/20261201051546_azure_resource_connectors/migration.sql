-- AlterTable
ALTER TABLE "Connector" ADD COLUMN     "azureResource" TEXT,
ADD COLUMN     "azureTarget" TEXT,
ADD COLUMN     "draftMissing" TEXT;

