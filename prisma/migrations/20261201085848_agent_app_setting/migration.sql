-- CreateTable
CREATE TABLE "AgentAppSetting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appClientId" TEXT NOT NULL,
    "agentTenantId" TEXT,
    "miClientId" TEXT,
    "miPrincipalId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL
);

