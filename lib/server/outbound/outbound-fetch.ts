import "server-only";
// The one HTTP layer for calls to Entra ID, Azure DevOps, Kusto, Graph and ARM: a host
// allow-list, a timeout per attempt, an overall time budget, the caller's AbortSignal (an
// operator action's deadline), bounded retries on throttling (429, honouring Retry-After as ADO
// asks), 5xx and network failures, and a circuit breaker per service and scope
// (upstream-breaker.ts) so that a service that stopped answering fails calls in milliseconds.
import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { setMaxListeners } from "node:events";
import { Agent, request } from "undici";
import { AppError } from "@/lib/server/errors";
import { settings } from "@/lib/server/settings";
import { recordUpstreamAttempt } from "@/lib/server/observability/metrics";
import { withClientRequestId } from "@/lib/server/observability/request-context";
import { isAllowedOutboundUrl, type OutboundService } from "./allowed-origins";
import { retryAfterMs } from "./retry-after";
import { BreakerOpenError, runThroughBreaker, UnansweredCall } from "./upstream-breaker";

export const serviceNames: Record<OutboundService, string> = {
  entra: "Entra ID",
  ado: "Azure DevOps",
  kusto: "Kusto",
  graph: "Microsoft Graph",
  arm: "Azure Resource Manager",
  storage: "Azure Storage",
  keyvault: "Azure Key Vault",
  managed_identity: "The managed identity endpoint",
  sandbox: "The sandbox cloud",
};

export type OutboundOptions = {
  service: OutboundService;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** For all attempts and waits together. */
  budgetMs?: number;
  maxAttempts?: number;
  /** POSTs are retried only when the caller says the call is safe to repeat. */
  idempotent?: boolean;
  /** The caller's deadline or cancellation: aborts the attempt in flight and any wait. */
  signal?: AbortSignal;
};

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** Why a call got no answer: it timed out, could not connect, or its breaker is open. */
export type UnansweredReason = "timeout" | "unreachable" | "breaker_open";

export class UpstreamError extends AppError {
  readonly service: OutboundService;
  readonly status?: number;
  readonly reason: UnansweredReason;
  constructor(service: OutboundService, message: string, options: { status?: number; hint?: string; cause?: unknown; reason?: UnansweredReason } = {}) {
    super("upstream_failed", message, { hint: options.hint, cause: options.cause });
    this.service = service;
    this.status = options.status;
    this.reason = options.reason ?? "unreachable";
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * What a breaker guards: the organization (ADO), the cluster (Kusto), the tenant (Entra ID) or
 * the host (the managed identity endpoint, Graph, ARM). The host is part of it, so one
 * organization's outage never opens another's breaker.
 */
export function breakerScope(service: OutboundService, url: URL): string {
  const segments = url.pathname.split("/").filter(Boolean);
  switch (service) {
    case "ado": {
      const base = new URL(settings().adoBaseUrl);
      const below = url.pathname.slice(base.pathname.replace(/\/+$/, "").length).split("/").filter(Boolean);
      return `${url.host}/${(below[0] ?? "").toLowerCase()}`;
    }
    case "kusto": {
      const rest = segments.findIndex((segment, index) => /^v\d+$/.test(segment) && segments[index + 1] === "rest");
      return `${url.host}/${segments.slice(0, rest === -1 ? segments.length : rest).join("/")}`.replace(/\/$/, "");
    }
    case "entra":
      return `${url.host}/${(segments[0] ?? "").toLowerCase()}`;
    default:
      return url.host;
  }
}

// Calls go out through undici's request API on a pool of kept-alive connections of their own (one
// TLS handshake per host, not per call): the process's fetch wraps the same client in web streams
// and spec bookkeeping that cost three times its CPU per call. TLS verifies against the default
// trust store, NODE_EXTRA_CA_CERTS included. On globalThis so every route bundle shares one pool.
const pool = globalThis as unknown as { tenantBridgeOutboundAgent?: Agent };
const agent = () => (pool.tenantBridgeOutboundAgent ??= new Agent());

/** An answer whose status arrived but whose body stopped arriving (the connection dropped). */
class CutOffAnswer extends Error {
  constructor(
    readonly status: number,
    cause: unknown,
  ) {
    super(`answered ${status} but its answer stopped arriving (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

/**
 * What callers read of an answer: a fetch Response's status, headers and body readers. An answer
 * is read in full before it is handed back, so it needs no web stream around its bytes (building
 * one cost about a fifth of a call's CPU); a Response, as tests build them, is one too.
 */
export type OutboundAnswer = Pick<Response, "status" | "ok" | "headers" | "text" | "json" | "arrayBuffer">;

const utf8 = new TextDecoder();

class ReadAnswer implements OutboundAnswer {
  readonly ok: boolean;
  constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly bytes: Uint8Array,
  ) {
    this.ok = status >= 200 && status <= 299;
  }
  async text(): Promise<string> {
    return utf8.decode(this.bytes);
  }
  // Typed as a Response's json(), which callers narrow with a schema or a cast.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async json(): Promise<any> {
    return JSON.parse(utf8.decode(this.bytes));
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.bytes.buffer.slice(this.bytes.byteOffset, this.bytes.byteOffset + this.bytes.byteLength) as ArrayBuffer;
  }
}

/** One request, its answer read in full within the same signal (so a body that stops arriving is a timeout too). */
async function send(url: URL, method: string, headers: Record<string, string> | undefined, body: string | undefined, signal: AbortSignal): Promise<OutboundAnswer> {
  const answer = await request(url, { method: method as "GET", headers, body, signal, dispatcher: agent() });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await answer.body.arrayBuffer());
  } catch (error) {
    // The deadline (an abort) stays a timeout; anything else cut the answer off after its status.
    if (signal.aborted) throw error;
    throw new CutOffAnswer(answer.statusCode, error);
  }
  const received = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (Array.isArray(value)) for (const each of value) received.append(name, each);
    else if (value !== undefined) received.append(name, value);
  }
  return new ReadAnswer(answer.statusCode, received, bytes);
}

// The API Next.js itself loads: until instrumentation.ts registers a tracer provider (only with
// OTEL_EXPORTER_OTLP_ENDPOINT set) its spans are no-ops.
const tracer = trace.getTracer("tenantbridge");

export async function outboundFetch(input: string | URL, options: OutboundOptions): Promise<OutboundAnswer> {
  const url = new URL(input);
  const name = serviceNames[options.service];
  if (!isAllowedOutboundUrl(options.service, url)) {
    throw new AppError("validation_failed", `${url.host} is not a known ${name} endpoint; nothing was sent to it.`);
  }
  const method = options.method ?? "GET";
  // Service, host, path and outcome only: query strings and headers carry tokens and codes.
  const attributes = { "tenantbridge.upstream.service": options.service, "server.address": url.hostname, "url.path": url.pathname, "http.request.method": method };
  return tracer.startActiveSpan(`${method} ${options.service}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const response = await callThroughBreaker(url, options);
      span.setAttribute("http.response.status_code", response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return response;
    } catch (error) {
      if (error instanceof UpstreamError) {
        span.setAttribute("tenantbridge.upstream.unanswered", error.reason);
        if (error.status !== undefined) span.setAttribute("http.response.status_code", error.status);
      }
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof UpstreamError ? error.reason : "error" });
      throw error;
    } finally {
      span.end();
    }
  });
}

async function callThroughBreaker(url: URL, options: OutboundOptions): Promise<OutboundAnswer> {
  const name = serviceNames[options.service];
  const scope = breakerScope(options.service, url);
  try {
    return await runThroughBreaker(options.service, scope, () => attempts(url, options));
  } catch (error) {
    if (error instanceof UnansweredCall) {
      if (error.original instanceof ReadAnswer) return error.original;
      throw error.original;
    }
    if (error instanceof BreakerOpenError) {
      const when = error.retryInSeconds > 0 ? `next probe in ${error.retryInSeconds} s` : "a probe is under way";
      throw new UpstreamError(options.service, `${name} is not answering (breaker open, ${when}).`, {
        reason: "breaker_open",
        hint: `Recent calls to ${name} (${scope}) got no answer, so the portal stopped sending more for a while. Wait for the probe; if ${name} stays silent, check its status page and the portal's network path to ${url.host}.`,
      });
    }
    throw error;
  }
}

/** The attempts of one call. What should count against the breaker is thrown as UnansweredCall. */
async function attempts(url: URL, options: OutboundOptions): Promise<OutboundAnswer> {
  const name = serviceNames[options.service];
  const method = options.method ?? "GET";
  const timeoutMs = options.timeoutMs ?? 10_000;
  const budgetMs = options.budgetMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const idempotent = options.idempotent ?? (method === "GET" || method === "HEAD");
  const deadline = Date.now() + budgetMs;
  let lastProblem = "";

  let reason: UnansweredReason = "timeout";
  const signal = options.signal;
  // Each attempt in flight listens to the caller's signal until it ends; one action's signal may
  // carry many calls at once (a permission check per project), which is not a leak.
  if (signal) setMaxListeners(0, signal);
  // The request id Azure logs, and the trace context of this call's span (nothing without tracing).
  const headers = { ...withClientRequestId(options.headers) };
  propagation.inject(context.active(), headers);

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const remaining = deadline - Date.now();
    if (remaining <= 0 || signal?.aborted) break;
    let response: OutboundAnswer | undefined;
    const attemptStarted = Date.now();
    const attemptClock = performance.now();
    // The attempt's timeout and the caller's signal in one controller, both let go when it ends.
    const controller = new AbortController();
    let attemptTimedOut = false;
    const timer = setTimeout(
      () => {
        attemptTimedOut = true;
        controller.abort(new DOMException("The attempt timed out.", "TimeoutError"));
      },
      Math.min(timeoutMs, remaining),
    );
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      response = await send(url, method, headers, options.body, controller.signal);
    } catch (error) {
      const timedOut = attemptTimedOut || signal?.aborted === true || (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"));
      reason = timedOut ? "timeout" : "unreachable";
      recordUpstreamAttempt(options.service, timedOut ? "timeout" : "network", attemptClock);
      lastProblem = timedOut
        ? `did not answer within ${Math.max(1, Math.round((Date.now() - attemptStarted) / 1000))} s`
        : error instanceof CutOffAnswer
          ? error.message
          : `could not be reached (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)})`;
      if (!idempotent || attempt === maxAttempts) break;
      await sleep(Math.min(backoff(attempt), Math.max(0, deadline - Date.now())), signal);
      continue;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    recordUpstreamAttempt(options.service, response.status, attemptClock);
    const unanswered = response.status >= 500;
    if (!RETRYABLE_STATUS.has(response.status) || !idempotent || attempt === maxAttempts) {
      if (unanswered) throw new UnansweredCall(response);
      return response;
    }
    const wait = retryAfterMs(response.headers.get("retry-after")) ?? backoff(attempt);
    lastProblem = `answered ${response.status}${response.status === 429 ? " (throttled)" : ""}`;
    if (Date.now() + wait > deadline || signal?.aborted) {
      // Waiting as asked would overrun the budget: hand back the answer rather than hang.
      if (unanswered) throw new UnansweredCall(response);
      return response;
    }
    await sleep(wait, signal);
    if (signal?.aborted) {
      // The caller's deadline passed while waiting to retry. After a throttle that is the caller's
      // budget, not the service's silence, so it does not count against the breaker.
      const error = new UpstreamError(options.service, `${name} ${lastProblem}; the action's deadline passed while waiting to retry (${method} ${url.host}${url.pathname}).`, {
        reason: "timeout",
        hint: "Try again in a minute.",
      });
      if (response.status === 429) throw error;
      throw new UnansweredCall(error);
    }
  }
  throw new UnansweredCall(
    new UpstreamError(options.service, `${name} ${lastProblem || "did not answer in time"} (${method} ${url.host}${url.pathname}).`, {
      reason,
      hint: `Check that ${url.host} is reachable from the portal, then try again.`,
    }),
  );
}

function backoff(attempt: number): number {
  const base = 250 * 2 ** (attempt - 1);
  return base + Math.floor(Math.random() * base * 0.5);
}
