import "server-only";
// A circuit breaker per upstream service and scope (an ADO organization, a Kusto cluster, an
// Entra tenant, the managed identity endpoint), on cockatiel. After `failures` consecutive calls
// that got no usable answer (5xx, timeouts, connection errors) it opens: calls fail in
// milliseconds with "… is not answering (breaker open, next probe in N s)" instead of each
// spending seconds in timeouts and retries. After the half-open delay one call goes through as a
// probe; its success closes the breaker, its failure opens it again.
// Answers that are the caller's own problem (401/403/404, AADSTS errors, 429 throttling, which
// carries its own Retry-After) are answers: they count as successes and never open a breaker.
import { BrokenCircuitError, circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, type CircuitBreakerPolicy } from "cockatiel";
import { settings } from "@/lib/server/settings";
import type { OutboundService } from "./allowed-origins";

export type BreakerState = "closed" | "open" | "half_open";

export type BreakerSnapshot = {
  service: OutboundService;
  /** The organization, cluster, tenant or endpoint the breaker guards. */
  scope: string;
  state: BreakerState;
  openedAt: Date | null;
  /** When an open breaker lets the next probe through; null unless open. */
  nextProbeAt: Date | null;
};

type Entry = { service: OutboundService; scope: string; policy: CircuitBreakerPolicy; openedAt: number | null; halfOpenAfterMs: number };

/** Thrown by runThroughBreaker when the breaker refuses the call without sending it. */
export class BreakerOpenError extends Error {
  constructor(
    readonly service: OutboundService,
    readonly scope: string,
    readonly retryInSeconds: number,
  ) {
    super(`breaker open for ${service} ${scope}`);
    this.name = "BreakerOpenError";
  }
}

/** A call that got no usable answer (a thrown error or a 5xx response): counted as a failure by the breaker, then unwrapped by the caller. */
export class UnansweredCall extends Error {
  constructor(readonly original: unknown) {
    super("unanswered upstream call");
    this.name = "UnansweredCall";
  }
}

// On globalThis so that every route bundle and a hot reload share one set of breakers.
const holder = globalThis as unknown as { tenantBridgeBreakers?: Map<string, Entry> };
const entries = () => (holder.tenantBridgeBreakers ??= new Map<string, Entry>());

const stateName: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half_open",
  [CircuitState.Isolated]: "open",
};

function entryFor(service: OutboundService, scope: string): Entry {
  const key = `${service} ${scope}`;
  let entry = entries().get(key);
  if (!entry) {
    const { failures, halfOpenAfterMs } = settings().breaker;
    const policy = circuitBreaker(
      handleWhen((error) => error instanceof UnansweredCall),
      { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(failures) },
    );
    const created: Entry = { service, scope, policy, openedAt: null, halfOpenAfterMs };
    policy.onBreak(() => {
      created.openedAt = Date.now();
    });
    policy.onReset(() => {
      created.openedAt = null;
    });
    entries().set(key, created);
    entry = created;
  }
  return entry;
}

function secondsToProbe(entry: Entry, now = Date.now()): number {
  if (entry.openedAt === null) return 0;
  return Math.max(0, Math.ceil((entry.openedAt + entry.halfOpenAfterMs - now) / 1000));
}

/**
 * Runs one call through the breaker of (service, scope). `call` throws UnansweredCall for what
 * should count against the upstream; anything else it returns or throws passes through as is.
 */
export async function runThroughBreaker<T>(service: OutboundService, scope: string, call: () => Promise<T>): Promise<T> {
  const entry = entryFor(service, scope);
  // cockatiel makes callers wait for a half-open probe to finish; a probe of a hanging service
  // takes its whole timeout, so the others fail fast instead.
  if (entry.policy.state === CircuitState.HalfOpen) throw new BreakerOpenError(service, scope, 0);
  try {
    return await entry.policy.execute(call);
  } catch (error) {
    if (error instanceof BrokenCircuitError) throw new BreakerOpenError(service, scope, secondsToProbe(entry));
    throw error;
  }
}

/** Every breaker this process holds, for the dashboard and the metrics endpoint. */
export function upstreamBreakerStates(now = Date.now()): BreakerSnapshot[] {
  return [...entries().values()].map((entry) => {
    const state = stateName[entry.policy.state];
    const openedAt = state === "closed" ? null : entry.openedAt;
    return {
      service: entry.service,
      scope: entry.scope,
      state,
      openedAt: openedAt === null ? null : new Date(openedAt),
      nextProbeAt: state === "open" && openedAt !== null ? new Date(Math.max(now, openedAt + entry.halfOpenAfterMs)) : null,
    };
  });
}

/** Tests only: forget every breaker (they are recreated closed, with the current settings). */
export function resetUpstreamBreakers(): void {
  entries().clear();
}
