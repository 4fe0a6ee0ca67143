import "server-only";
// Per-organization pause. The outbound layer already retries a 429 after its Retry-After; when a
// check still ends throttled, the organization (or Kusto cluster) has asked everyone to slow
// down, so the scheduler leaves its other connectors alone until the time it asked for has
// passed, instead of adding to the pressure. In-process: each instance backs off on its own.
import type { CheckResultDto } from "@/lib/schemas/validation";

export const DEFAULT_PAUSE_MS = 60_000;
const MAX_PAUSE_MS = 15 * 60_000;

export type ThrottleKeySource = { kind: string; organization: { name: string } | null; clusterUrl: string | null };

export function throttleKey(connector: ThrottleKeySource): string {
  return connector.kind === "ado" ? `ado:${connector.organization?.name ?? ""}` : `kusto:${connector.clusterUrl ?? ""}`;
}

/** The wait the service asked for, when a check ended throttled ("Wait 30 s and run the test again."). */
export function throttledFor(checks: CheckResultDto[]): number | null {
  const throttled = checks.find((check) => check.code === "HTTP 429");
  if (!throttled) return null;
  const seconds = /Wait (\d+) s/.exec(throttled.fix ?? "")?.[1];
  return seconds ? Math.min(Number(seconds) * 1000, MAX_PAUSE_MS) : DEFAULT_PAUSE_MS;
}

export class OrgThrottle {
  private readonly pausedUntil = new Map<string, number>();

  pause(key: string, ms: number, now = Date.now()): number {
    const until = Math.max(this.pausedUntil.get(key) ?? 0, now + ms);
    this.pausedUntil.set(key, until);
    return until;
  }

  /** Keys paused at `now`, with when each pause ends; expired pauses are forgotten. */
  paused(now = Date.now()): Map<string, number> {
    for (const [key, until] of this.pausedUntil) if (until <= now) this.pausedUntil.delete(key);
    return new Map(this.pausedUntil);
  }
}
