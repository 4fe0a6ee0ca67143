-- CreateTable
CREATE TABLE "TenantExchange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appClientId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "code" TEXT,
    "title" TEXT,
    "fix" TEXT,
    "servicePrincipalId" TEXT,
    "checkedBy" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "TenantExchange_appClientId_tenantId_key" ON "TenantExchange"("appClientId", "tenantId");

