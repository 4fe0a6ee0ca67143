import "server-only";
// Per-organization pause. The outbound layer already retries a 429 after its Retry-After; when a
// check still ends throttled, the organization (or Kusto cluster) has asked everyone to slow
// down, so the scheduler leaves its other connectors alone until the time it asked for has
// passed, instead of adding to the pressure. The pause is a row (ThrottlePause), so every replica
// sharing the database backs off, not only the one that was told to.
import type { CheckResultDto } from "@/lib/schemas/validation";
import type { Db } from "@/lib/server/db/client";
import { isUniqueViolation } from "@/lib/server/db/unique-violation";

export const DEFAULT_PAUSE_MS = 60_000;
const MAX_PAUSE_MS = 15 * 60_000;

export type ThrottleKeySource = { kind: string; organization: { name: string } | null; clusterUrl: string | null };

export function throttleKey(connector: ThrottleKeySource): string {
  return connector.kind === "ado" ? `ado:${connector.organization?.name ?? ""}` : `kusto:${connector.clusterUrl ?? ""}`;
}

/** The wait the service asked for (its Retry-After), when a check ended throttled; a minute when it named none. */
export function throttledFor(checks: CheckResultDto[]): number | null {
  const throttled = checks.find((check) => check.code === "HTTP 429");
  if (!throttled) return null;
  return throttled.retryAfterMs !== null && throttled.retryAfterMs !== undefined ? Math.min(throttled.retryAfterMs, MAX_PAUSE_MS) : DEFAULT_PAUSE_MS;
}

export class OrgThrottle {
  constructor(private readonly db: Db) {}

  /** Pauses `key` for `ms` from `now`, keeping a longer pause already stored; returns when the pause ends. */
  async pause(key: string, ms: number, now = Date.now()): Promise<number> {
    const until = new Date(now + ms);
    const extend = () => this.db.throttlePause.updateMany({ where: { throttleKey: key, pausedUntil: { lt: until } }, data: { pausedUntil: until } });
    if ((await extend()).count === 0) {
      try {
        await this.db.throttlePause.create({ data: { throttleKey: key, pausedUntil: until } });
      } catch (error) {
        // The row exists: with a later pause (nothing to do), or another replica created it just now.
        if (!isUniqueViolation(error)) throw error;
        await extend();
      }
    }
    const stored = await this.db.throttlePause.findUnique({ where: { throttleKey: key }, select: { pausedUntil: true } });
    return stored?.pausedUntil.getTime() ?? until.getTime();
  }

  /** Keys paused at `now`, with when each pause ends. Expired rows are left for pruneHistory. */
  async paused(now = Date.now()): Promise<Map<string, number>> {
    const rows = await this.db.throttlePause.findMany({ where: { pausedUntil: { gt: new Date(now) } }, select: { throttleKey: true, pausedUntil: true } });
    return new Map(rows.map((row) => [row.throttleKey, row.pausedUntil.getTime()]));
  }
}
