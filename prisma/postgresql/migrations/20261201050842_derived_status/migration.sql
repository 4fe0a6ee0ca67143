-- AlterTable
ALTER TABLE "Connector" ADD COLUMN     "chainStatus" TEXT NOT NULL DEFAULT 'unchecked',
ADD COLUMN     "checkedSettingsKey" TEXT,
ADD COLUMN     "sourcesProblem" TEXT;

-- AlterTable
ALTER TABLE "KnowledgeSource" ADD COLUMN     "alertState" TEXT;

-- AlterTable
ALTER TABLE "ValidationRun" ADD COLUMN     "authMethod" TEXT,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'chain',
ADD COLUMN     "settingsKey" TEXT;

-- AlterTable
ALTER TABLE "AlertEvent" ADD COLUMN     "sourceId" TEXT,
ADD COLUMN     "sourceName" TEXT;

-- CreateIndex
CREATE INDEX "KnowledgeSource_connectorId_idx" ON "KnowledgeSource"("connectorId");


-- Data: the stored status so far was the chain test's verdict; permission-check runs are the
-- ones with a "project" check (chain hops never have one).
UPDATE "Connector" SET "chainStatus" = "status";
UPDATE "ValidationRun" SET "kind" = 'sources' WHERE "id" IN (SELECT "runId" FROM "ValidationCheck" WHERE "key" = 'project');
