import "server-only";
// Prometheus metrics of this process (scraped at /metrics, app/api/metrics/route.ts).
//
// One registry per process, kept on globalThis: Next.js bundles instrumentation.ts (which starts
// the scheduler) and the route handlers separately, so a module-level registry would exist
// twice and the scrape would never see the scheduler's counters.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { upstreamBreakerStates } from "@/lib/server/outbound/upstream-breaker";
import type { OutboundService } from "@/lib/server/outbound/allowed-origins";

/** Circuit breaker states, as the gauge reports them. */
export const breakerStates = { closed: 0, half_open: 1, open: 2 } as const;
export type BreakerState = keyof typeof breakerStates;

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    checks: new Counter({
      name: "tenantbridge_checks_total",
      help: "Connector checks run, by trigger and outcome (pass, fail, unknown, error: the check could not run).",
      labelNames: ["trigger", "outcome"] as const,
      registers,
    }),
    connectors: new Gauge({
      name: "tenantbridge_connectors",
      help: "Connectors by health state, read from the database at scrape time.",
      labelNames: ["state"] as const,
      registers,
    }),
    sweepDuration: new Histogram({
      name: "tenantbridge_sweep_duration_seconds",
      help: "Duration of one scheduled sweep over the due connectors.",
      buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 900],
      registers,
    }),
    sweepLag: new Gauge({
      name: "tenantbridge_sweep_lag_seconds",
      help: "In the last sweep, how long after its due time the most overdue connector was checked.",
      registers,
    }),
    upstreamDuration: new Histogram({
      name: "tenantbridge_upstream_request_duration_seconds",
      help: "Duration of each attempt of an outbound call, by service and HTTP status (timeout, network: no answer).",
      labelNames: ["service", "status"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    upstreamErrors: new Counter({
      name: "tenantbridge_upstream_errors_total",
      help: "Outbound attempts that failed, by service and reason (timeout, network, throttled, server_error).",
      labelNames: ["service", "reason"] as const,
      registers,
    }),
    tokenRequests: new Counter({
      name: "tenantbridge_token_requests_total",
      help: "Credential broker token requests, by auth method and result (cache_hit; acquired, which includes callers that joined a request already in flight; failed).",
      labelNames: ["method", "result"] as const,
      registers,
    }),
    tokenCacheHits: new Counter({
      name: "tenantbridge_token_cache_hits_total",
      help: "Credential broker token requests answered from its cache, by auth method.",
      labelNames: ["method"] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: "tenantbridge_rate_limited_total",
      help: "Requests refused by a portal rate limit (429), by limiter.",
      labelNames: ["limiter"] as const,
      registers,
    }),
    breakerState: new Gauge({
      name: "tenantbridge_breaker_state",
      help: "Circuit breaker state per upstream service and scope (organization, cluster, tenant or endpoint): 0 closed, 1 half-open, 2 open. A scope without a series has a closed breaker.",
      labelNames: ["service", "scope"] as const,
      registers,
      // Read from the breakers at scrape time, so the gauge cannot drift from them.
      collect() {
        this.reset();
        for (const breaker of upstreamBreakerStates()) this.set({ service: breaker.service, scope: breaker.scope }, breakerStates[breaker.state]);
      },
    }),
    httpRequests: new Counter({
      name: "tenantbridge_http_requests_total",
      help: "Requests served, by method and status class.",
      labelNames: ["method", "status"] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const holder = globalThis as unknown as { tenantBridgeMetrics?: Metrics };

export function metrics(): Metrics {
  holder.tenantBridgeMetrics ??= createMetrics();
  return holder.tenantBridgeMetrics;
}

export function recordCheck(trigger: string, outcome: string): void {
  metrics().checks.inc({ trigger, outcome });
}

export function recordSweep(durationMs: number, maxLagMs: number): void {
  metrics().sweepDuration.observe(durationMs / 1000);
  metrics().sweepLag.set(Math.max(0, maxLagMs) / 1000);
}

/** One attempt of an outbound call: its HTTP status, or why there was none. */
export function recordUpstreamAttempt(service: OutboundService, outcome: number | "timeout" | "network", startedMs: number): void {
  metrics().upstreamDuration.observe({ service, status: String(outcome) }, (performance.now() - startedMs) / 1000);
  const reason = typeof outcome === "string" ? outcome : outcome === 429 ? "throttled" : outcome >= 500 ? "server_error" : undefined;
  if (reason) metrics().upstreamErrors.inc({ service, reason });
}

export function recordTokenRequest(method: string, result: "cache_hit" | "acquired" | "failed"): void {
  metrics().tokenRequests.inc({ method, result });
  if (result === "cache_hit") metrics().tokenCacheHits.inc({ method });
}

export function recordRateLimited(limiter: string): void {
  metrics().rateLimited.inc({ limiter });
}

export function recordHttpRequest(method: string, status: number): void {
  metrics().httpRequests.inc({ method, status: `${Math.floor(status / 100)}xx` });
}
