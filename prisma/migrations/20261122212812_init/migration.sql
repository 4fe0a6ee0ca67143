-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "targetTenantId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Connector" (
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
    "nextCheckAt" DATETIME,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Connector_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KnowledgeSource" (
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
    "status" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KnowledgeSource_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KnowledgeSource_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ValidationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectorId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'running',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "durationMs" INTEGER,
    CONSTRAINT "ValidationRun_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ValidationCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "code" TEXT,
    "cause" TEXT,
    "fix" TEXT,
    "expected" TEXT,
    "configured" TEXT,
    "detail" TEXT,
    "traceId" TEXT,
    "durationMs" INTEGER,
    CONSTRAINT "ValidationCheck_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ValidationRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "summary" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}'
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_name_key" ON "Organization"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Connector_organizationId_key" ON "Connector"("organizationId");

-- CreateIndex
CREATE INDEX "Connector_status_idx" ON "Connector"("status");

-- CreateIndex
CREATE INDEX "Connector_kind_authMethod_idx" ON "Connector"("kind", "authMethod");

-- CreateIndex
CREATE UNIQUE INDEX "Connector_clusterUrl_database_key" ON "Connector"("clusterUrl", "database");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeSource_organizationId_project_repository_key" ON "KnowledgeSource"("organizationId", "project", "repository");

-- CreateIndex
CREATE INDEX "ValidationRun_connectorId_startedAt_idx" ON "ValidationRun"("connectorId", "startedAt");

-- CreateIndex
CREATE INDEX "ValidationCheck_runId_position_idx" ON "ValidationCheck"("runId", "position");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

