-- CreateTable
CREATE TABLE "ThrottlePause" (
    "throttleKey" TEXT NOT NULL,
    "pausedUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThrottlePause_pkey" PRIMARY KEY ("throttleKey")
);

-- CreateIndex
CREATE INDEX "ThrottlePause_pausedUntil_idx" ON "ThrottlePause"("pausedUntil");

