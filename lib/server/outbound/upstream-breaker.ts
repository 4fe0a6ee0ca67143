import "server-only";
// A circuit breaker per upstream service and scope (an ADO organization, a Kusto cluster, an
// Entra tenant, the managed identity endpoint), on cockatiel. After `failures` consecutive calls
// that got no usable answer (5xx, timeouts, connection errors) it opens: calls fail in
// milliseconds with "… is not answering (breaker open, next probe in N s)" instead of each
// spending seconds in timeouts and retries. After the half-open delay one call goes through as a
// probe; its success closes the breaker, its failure opens it again.
// Answers that are the caller's own problem (401/403/404, AADSTS errors, 429 throttling, which
// carries its own Retry-After) are answers: they count as successes and never open a breaker.
// A closed breaker with no failure counted is no different from a new one, so once the process
// holds more than a few hundred breakers it forgets those (nothing in flight through them): one
// per organization for ever would be about 1.6 KB each, 16 MiB of live heap at 10,000.
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

type Entry = {
  service: OutboundService;
  scope: string;
  policy: CircuitBreakerPolicy;
  /** Consecutive failures counted towards opening (reset by a success). */
  counter: ConsecutiveBreaker;
  openedAt: number | null;
  halfOpenAfterMs: number;
  inFlight: number;
};

/** How many breakers the process holds before it forgets the ones that hold nothing. */
export const HELD_BREAKERS = 256;

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
const holder = globalThis as unknown as { tenantBridgeBreakers?: Map<string, Entry>; tenantBridgeBreakersPruneAt?: number };
const entries = () => (holder.tenantBridgeBreakers ??= new Map<string, Entry>());

/** Nothing in flight, closed, no failure counted: the same as a breaker created afresh. */
const holdsNothing = (entry: Entry) => entry.inFlight === 0 && entry.policy.state === CircuitState.Closed && entry.counter.state === 0;

/**
 * Forgets the breakers that hold nothing once there are HELD_BREAKERS of them. The next prune
 * waits for HELD_BREAKERS more, so an outage that keeps thousands of breakers open costs one pass
 * over them per HELD_BREAKERS new breakers, not one per call, and once they close again they are
 * forgotten within that many.
 */
function pruneIfFull(map: Map<string, Entry>): void {
  if (map.size < (holder.tenantBridgeBreakersPruneAt ?? HELD_BREAKERS)) return;
  for (const [key, entry] of map) if (holdsNothing(entry)) map.delete(key);
  holder.tenantBridgeBreakersPruneAt = map.size + HELD_BREAKERS;
}

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
    pruneIfFull(entries());
    const { failures, halfOpenAfterMs } = settings().breaker;
    const counter = new ConsecutiveBreaker(failures);
    const policy = circuitBreaker(
      handleWhen((error) => error instanceof UnansweredCall),
      { halfOpenAfter: halfOpenAfterMs, breaker: counter },
    );
    const created: Entry = { service, scope, policy, counter, openedAt: null, halfOpenAfterMs, inFlight: 0 };
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
  entry.inFlight++;
  try {
    return await entry.policy.execute(call);
  } catch (error) {
    if (error instanceof BrokenCircuitError) throw new BreakerOpenError(service, scope, secondsToProbe(entry));
    throw error;
  } finally {
    entry.inFlight--;
  }
}

/**
 * Every breaker this process holds, for the metrics endpoint: each open or half-open one, each
 * closed one with failures counted, and closed ones used lately (up to HELD_BREAKERS).
 */
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
  holder.tenantBridgeBreakersPruneAt = undefined;
}
