-- AlterTable
ALTER TABLE "KnowledgeSource" ADD COLUMN     "areaPath" TEXT,
ADD COLUMN     "capabilities" TEXT NOT NULL DEFAULT '["read_code"]';

