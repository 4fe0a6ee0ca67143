-- CreateTable
CREATE TABLE "AgentAppSetting" (
    "id" TEXT NOT NULL,
    "appClientId" TEXT NOT NULL,
    "agentTenantId" TEXT,
    "miClientId" TEXT,
    "miPrincipalId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "AgentAppSetting_pkey" PRIMARY KEY ("id")
);

