import "server-only";
// Each manual test makes real calls into someone else's tenant (and Azure DevOps throttles per
// identity), so one connector may be tested a few times a minute at most, across all replicas
// (the window is kept in the shared rate-limit table, take-shared-slot.ts).
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { recordRateLimited } from "@/lib/server/observability/metrics";
import { slidingWindowPolicy } from "@/lib/server/rate-limit/rate-limit-policies";
import { resetSharedRateLimit, takeSharedSlot } from "@/lib/server/rate-limit/take-shared-slot";

export const CHAIN_TESTS_PER_MINUTE = 6;
const chainTests = slidingWindowPolicy("chain-test", CHAIN_TESTS_PER_MINUTE, 60_000);

/** Records one test of `connectorId` now, or throws rate_limited with the seconds to wait. */
export async function takeChainTestSlot(db: Db, connectorId: string, now = Date.now()): Promise<void> {
  const result = await takeSharedSlot(db, chainTests, connectorId, now);
  if (result.ok) return;
  recordRateLimited("chain_test");
  throw new AppError("rate_limited", `This connector was tested ${CHAIN_TESTS_PER_MINUTE} times in the last minute.`, {
    hint: `Wait ${result.retryAfterSeconds} s before testing it again.`,
    retryAfterSeconds: result.retryAfterSeconds,
  });
}

/** Tests only: start from an empty window. */
export function resetChainTestRateLimit(db: Db): Promise<void> {
  return resetSharedRateLimit(db, chainTests);
}
