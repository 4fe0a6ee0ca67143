-- CreateTable
CREATE TABLE "RateLimitState" (
    "limitName" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitState_pkey" PRIMARY KEY ("limitName","key")
);

-- CreateIndex
CREATE INDEX "RateLimitState_expiresAt_idx" ON "RateLimitState"("expiresAt");

