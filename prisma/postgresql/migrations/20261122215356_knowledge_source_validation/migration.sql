-- AlterTable
ALTER TABLE "KnowledgeSource" ADD COLUMN     "missing" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "validatedAt" TIMESTAMP(3),
ADD COLUMN     "validationRunId" TEXT;

