-- AlterTable
ALTER TABLE "KnowledgeSource" ADD COLUMN "alertState" TEXT;

-- AlterTable
ALTER TABLE "AlertEvent" ADD COLUMN "sourceId" TEXT;
ALTER TABLE "AlertEvent" ADD COLUMN "sourceName" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Connector" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "authMethod" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'unchecked',
    "version" INTEGER NOT NULL DEFAULT 1,
    "organizationId" TEXT,
    "clusterUrl" TEXT,
    "database" TEXT,
    "agentTenantId" TEXT,
    "miClientId" TEXT,
    "miPrincipalId" TEXT,
    "appClientId" TEXT,
    "targetTenantId" TEXT,
    "oauthAccount" TEXT,
    "oauthTenantId" TEXT,
    "oauthSetAt" DATETIME,
    "oauthCacheCiphertext" TEXT,
    "patLast4" TEXT,
    "patSetAt" DATETIME,
    "patExpiresAt" DATETIME,
    "patCiphertext" TEXT,
    "lastCheckedAt" DATETIME,
    "chainStatus" TEXT NOT NULL DEFAULT 'unchecked',
    "checkedSettingsKey" TEXT,
    "sourcesProblem" TEXT,
    "nextCheckAt" DATETIME,
    "checkClaimId" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Connector_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Connector" ("agentTenantId", "appClientId", "authMethod", "checkClaimId", "clusterUrl", "createdAt", "createdBy", "database", "displayName", "id", "kind", "lastCheckedAt", "miClientId", "miPrincipalId", "nextCheckAt", "oauthAccount", "oauthCacheCiphertext", "oauthSetAt", "oauthTenantId", "organizationId", "patCiphertext", "patExpiresAt", "patLast4", "patSetAt", "status", "targetTenantId", "updatedAt", "version") SELECT "agentTenantId", "appClientId", "authMethod", "checkClaimId", "clusterUrl", "createdAt", "createdBy", "database", "displayName", "id", "kind", "lastCheckedAt", "miClientId", "miPrincipalId", "nextCheckAt", "oauthAccount", "oauthCacheCiphertext", "oauthSetAt", "oauthTenantId", "organizationId", "patCiphertext", "patExpiresAt", "patLast4", "patSetAt", "status", "targetTenantId", "updatedAt", "version" FROM "Connector";
DROP TABLE "Connector";
ALTER TABLE "new_Connector" RENAME TO "Connector";
CREATE UNIQUE INDEX "Connector_organizationId_key" ON "Connector"("organizationId");
CREATE INDEX "Connector_status_idx" ON "Connector"("status");
CREATE INDEX "Connector_kind_authMethod_idx" ON "Connector"("kind", "authMethod");
CREATE UNIQUE INDEX "Connector_clusterUrl_database_key" ON "Connector"("clusterUrl", "database");
CREATE TABLE "new_ValidationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectorId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'chain',
    "authMethod" TEXT,
    "settingsKey" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'running',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "durationMs" INTEGER,
    CONSTRAINT "ValidationRun_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ValidationRun" ("connectorId", "durationMs", "finishedAt", "id", "outcome", "startedAt", "trigger") SELECT "connectorId", "durationMs", "finishedAt", "id", "outcome", "startedAt", "trigger" FROM "ValidationRun";
DROP TABLE "ValidationRun";
ALTER TABLE "new_ValidationRun" RENAME TO "ValidationRun";
CREATE INDEX "ValidationRun_connectorId_startedAt_idx" ON "ValidationRun"("connectorId", "startedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "KnowledgeSource_connectorId_idx" ON "KnowledgeSource"("connectorId");


-- Data: the stored status so far was the chain test's verdict; permission-check runs are the
-- ones with a "project" check (chain hops never have one).
UPDATE "Connector" SET "chainStatus" = "status";
UPDATE "ValidationRun" SET "kind" = 'sources' WHERE "id" IN (SELECT "runId" FROM "ValidationCheck" WHERE "key" = 'project');
