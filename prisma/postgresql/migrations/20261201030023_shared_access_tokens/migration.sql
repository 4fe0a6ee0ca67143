-- CreateTable
CREATE TABLE "SharedAccessToken" (
    "targetTenantId" TEXT NOT NULL,
    "appClientId" TEXT NOT NULL,
    "miClientId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "tokenCiphertext" TEXT NOT NULL,
    "expiresOn" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SharedAccessToken_pkey" PRIMARY KEY ("targetTenantId","appClientId","miClientId","scope")
);

-- CreateIndex
CREATE INDEX "SharedAccessToken_expiresOn_idx" ON "SharedAccessToken"("expiresOn");

