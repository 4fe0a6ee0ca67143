-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_KnowledgeSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectorId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "project" TEXT NOT NULL,
    "projectId" TEXT,
    "repository" TEXT NOT NULL,
    "repositoryId" TEXT,
    "displayName" TEXT NOT NULL,
    "description" TEXT,
    "branch" TEXT,
    "capabilities" TEXT NOT NULL DEFAULT '["read_code"]',
    "areaPath" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "missing" TEXT NOT NULL DEFAULT '[]',
    "validationRunId" TEXT,
    "validatedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KnowledgeSource_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KnowledgeSource_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_KnowledgeSource" ("branch", "connectorId", "createdAt", "createdBy", "description", "displayName", "id", "missing", "organizationId", "project", "projectId", "repository", "repositoryId", "status", "updatedAt", "validatedAt", "validationRunId", "version") SELECT "branch", "connectorId", "createdAt", "createdBy", "description", "displayName", "id", "missing", "organizationId", "project", "projectId", "repository", "repositoryId", "status", "updatedAt", "validatedAt", "validationRunId", "version" FROM "KnowledgeSource";
DROP TABLE "KnowledgeSource";
ALTER TABLE "new_KnowledgeSource" RENAME TO "KnowledgeSource";
CREATE UNIQUE INDEX "KnowledgeSource_organizationId_project_repository_key" ON "KnowledgeSource"("organizationId", "project", "repository");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

