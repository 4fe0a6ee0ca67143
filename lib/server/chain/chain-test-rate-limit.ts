import "server-only";
// Each manual test makes real calls into someone else's tenant (and Azure DevOps throttles per
// identity), so one connector may be tested a few times a minute at most. In-process and per
// connector: several portal replicas would each allow this many, which is still bounded.
import { AppError } from "@/lib/server/errors";
import { recordRateLimited } from "@/lib/server/observability/metrics";

export const CHAIN_TESTS_PER_MINUTE = 6;
const WINDOW_MS = 60_000;
const recent = new Map<string, number[]>();

/** Records one test of `connectorId` now, or throws rate_limited with the seconds to wait. */
export function takeChainTestSlot(connectorId: string, now = Date.now()): void {
  const times = (recent.get(connectorId) ?? []).filter((time) => time > now - WINDOW_MS);
  if (times.length >= CHAIN_TESTS_PER_MINUTE) {
    const retryAfterSeconds = Math.ceil((times[0]! + WINDOW_MS - now) / 1000);
    recent.set(connectorId, times);
    recordRateLimited("chain_test");
    throw new AppError("rate_limited", `This connector was tested ${times.length} times in the last minute.`, {
      hint: `Wait ${retryAfterSeconds} s before testing it again.`,
      retryAfterSeconds,
    });
  }
  times.push(now);
  recent.set(connectorId, times);
  // Forget connectors that have not been tested for a while so the map stays small.
  if (recent.size > 1000) for (const [id, list] of recent) if (list.every((time) => time <= now - WINDOW_MS)) recent.delete(id);
}

/** Tests only: start from an empty window. */
export function resetChainTestRateLimit(): void {
  recent.clear();
}
