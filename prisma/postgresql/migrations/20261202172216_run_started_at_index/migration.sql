-- CreateIndex
CREATE INDEX "ValidationRun_startedAt_idx" ON "ValidationRun"("startedAt");

