-- AlterTable
ALTER TABLE "Connector" ADD COLUMN "checkClaimId" TEXT;

