-- CreateTable
CREATE TABLE "ThrottlePause" (
    "throttleKey" TEXT NOT NULL PRIMARY KEY,
    "pausedUntil" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ThrottlePause_pausedUntil_idx" ON "ThrottlePause"("pausedUntil");

