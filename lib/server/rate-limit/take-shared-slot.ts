import "server-only";
// One store for the operator-facing rate limits, shared by every portal replica through the
// database (SQLite for one process, PostgreSQL for several): N replicas allow the limit once.
//
// Why our own table rather than rate-limiter-flexible: its Prisma store reads the row and then
// writes points + 1 in an interactive transaction, which under PostgreSQL's READ COMMITTED loses
// concurrent increments (two replicas read 5, both write 6), and it only counts fixed windows,
// not our bursts and sliding windows. Its PostgreSQL and SQLite stores open their own
// connections and create their own tables outside our migrations. Here a slot is a
// compare-and-swap on the row's version: the same Prisma query on both databases, atomic on both.
import type { Db } from "@/lib/server/db/client";
import { isUniqueViolation } from "@/lib/server/db/unique-violation";
import type { RateLimitPolicy, TakeResult } from "./rate-limit-policies";

/** Beyond this many lost races on one key, the callers are a loop: refuse this one for a second. */
const MAX_ATTEMPTS = 8;
const PRUNE_EVERY_MS = 10 * 60_000;

const holder = globalThis as unknown as { tenantBridgeRateLimitPrunedAt?: number };

export async function takeSharedSlot<State>(db: Db, policy: RateLimitPolicy<State>, key: string, now = Date.now()): Promise<TakeResult> {
  const id = { limitName: policy.name, key };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const row = await db.rateLimitState.findUnique({ where: { limitName_key: id } });
    const stored = row ? policy.parse(parseJson(row.state)) : undefined;
    const { state, result, recoveredAt } = policy.take(stored, now);
    // A refusal changes nothing another replica needs to see.
    if (!result.ok) return result;
    const data = { state: JSON.stringify(state), expiresAt: new Date(recoveredAt) };
    if (!row) {
      await pruneRecovered(db, now);
      try {
        await db.rateLimitState.create({ data: { ...id, ...data } });
        return result;
      } catch (error) {
        if (isUniqueViolation(error)) continue; // another replica created it first: read theirs
        throw error;
      }
    }
    const { count } = await db.rateLimitState.updateMany({ where: { ...id, version: row.version }, data: { ...data, version: { increment: 1 } } });
    if (count === 1) return result;
  }
  return { ok: false, retryAfterSeconds: 1 };
}

/** Tests only: every key of this limit starts afresh. */
export async function resetSharedRateLimit(db: Db, policy: Pick<RateLimitPolicy<unknown>, "name">): Promise<void> {
  await db.rateLimitState.deleteMany({ where: { limitName: policy.name } });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Rows of keys that have fully recovered hold nothing; forget them now and then. */
async function pruneRecovered(db: Db, now: number): Promise<void> {
  if ((holder.tenantBridgeRateLimitPrunedAt ?? 0) > now - PRUNE_EVERY_MS) return;
  holder.tenantBridgeRateLimitPrunedAt = now;
  await db.rateLimitState.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
}
