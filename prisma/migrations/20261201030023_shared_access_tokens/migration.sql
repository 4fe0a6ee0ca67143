-- CreateTable
CREATE TABLE "SharedAccessToken" (
    "targetTenantId" TEXT NOT NULL,
    "appClientId" TEXT NOT NULL,
    "miClientId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "tokenCiphertext" TEXT NOT NULL,
    "expiresOn" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("targetTenantId", "appClientId", "miClientId", "scope")
);

-- CreateIndex
CREATE INDEX "SharedAccessToken_expiresOn_idx" ON "SharedAccessToken"("expiresOn");

