-- CreateTable
CREATE TABLE "ConnectorAlertState" (
    "connectorId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConnectorAlertState_pkey" PRIMARY KEY ("connectorId")
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "connectorName" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "authMethod" TEXT NOT NULL,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "runId" TEXT,
    "checkKey" TEXT,
    "checkLabel" TEXT,
    "code" TEXT,
    "title" TEXT,
    "cause" TEXT,
    "fix" TEXT,
    "deliveryStatus" TEXT NOT NULL DEFAULT 'none',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "lastAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "AlertEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertEvent_at_idx" ON "AlertEvent"("at");

-- CreateIndex
CREATE INDEX "AlertEvent_connectorId_at_idx" ON "AlertEvent"("connectorId", "at");

-- CreateIndex
CREATE INDEX "AlertEvent_deliveryStatus_nextAttemptAt_idx" ON "AlertEvent"("deliveryStatus", "nextAttemptAt");

