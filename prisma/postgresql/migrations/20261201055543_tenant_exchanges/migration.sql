-- CreateTable
CREATE TABLE "TenantExchange" (
    "id" TEXT NOT NULL,
    "appClientId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "code" TEXT,
    "title" TEXT,
    "fix" TEXT,
    "servicePrincipalId" TEXT,
    "checkedBy" TEXT NOT NULL,

    CONSTRAINT "TenantExchange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TenantExchange_appClientId_tenantId_key" ON "TenantExchange"("appClientId", "tenantId");

