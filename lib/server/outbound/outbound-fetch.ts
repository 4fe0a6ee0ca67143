import "server-only";
// The one HTTP layer for calls to Entra ID, Azure DevOps, Kusto, Graph and ARM: a host
// allow-list, a timeout per attempt, an overall time budget, and bounded retries on throttling
// (429, honouring Retry-After as ADO asks), 5xx and network failures.
import { AppError } from "@/lib/server/errors";
import { recordUpstreamAttempt } from "@/lib/server/observability/metrics";
import { withClientRequestId } from "@/lib/server/observability/request-context";
import { isAllowedOutboundUrl, type OutboundService } from "./allowed-origins";
import { retryAfterMs } from "./retry-after";

export const serviceNames: Record<OutboundService, string> = {
  entra: "Entra ID",
  ado: "Azure DevOps",
  kusto: "Kusto",
  graph: "Microsoft Graph",
  arm: "Azure Resource Manager",
  managed_identity: "The managed identity endpoint",
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
};

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export class UpstreamError extends AppError {
  readonly service: OutboundService;
  readonly status?: number;
  constructor(service: OutboundService, message: string, options: { status?: number; hint?: string; cause?: unknown } = {}) {
    super("upstream_failed", message, { hint: options.hint, cause: options.cause });
    this.service = service;
    this.status = options.status;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function outboundFetch(input: string | URL, options: OutboundOptions): Promise<Response> {
  const url = new URL(input);
  const name = serviceNames[options.service];
  if (!isAllowedOutboundUrl(options.service, url)) {
    throw new AppError("validation_failed", `${url.host} is not a known ${name} endpoint; nothing was sent to it.`);
  }
  const method = options.method ?? "GET";
  const timeoutMs = options.timeoutMs ?? 10_000;
  const budgetMs = options.budgetMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const idempotent = options.idempotent ?? (method === "GET" || method === "HEAD");
  const deadline = Date.now() + budgetMs;
  let lastProblem = "";

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    let response: Response | undefined;
    const attemptStarted = performance.now();
    try {
      response = await fetch(url, {
        method,
        headers: withClientRequestId(options.headers),
        body: options.body,
        redirect: "manual",
        signal: AbortSignal.timeout(Math.min(timeoutMs, remaining)),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      recordUpstreamAttempt(options.service, timedOut ? "timeout" : "network", attemptStarted);
      lastProblem = timedOut
        ? `did not answer within ${Math.round(Math.min(timeoutMs, remaining) / 1000)} s`
        : `could not be reached (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)})`;
      if (!idempotent || attempt === maxAttempts) break;
      await sleep(Math.min(backoff(attempt), Math.max(0, deadline - Date.now())));
      continue;
    }
    recordUpstreamAttempt(options.service, response.status, attemptStarted);
    if (!RETRYABLE_STATUS.has(response.status) || !idempotent || attempt === maxAttempts) return response;
    const wait = retryAfterMs(response.headers.get("retry-after")) ?? backoff(attempt);
    lastProblem = `answered ${response.status}${response.status === 429 ? " (throttled)" : ""}`;
    if (Date.now() + wait > deadline) {
      // Waiting as asked would overrun the budget: hand back the throttled answer rather than hang.
      return response;
    }
    await response.body?.cancel();
    await sleep(wait);
  }
  throw new UpstreamError(options.service, `${name} ${lastProblem || "did not answer in time"} (${method} ${url.host}${url.pathname}).`, {
    hint: `Check that ${url.host} is reachable from the portal, then try again.`,
  });
}

function backoff(attempt: number): number {
  const base = 250 * 2 ** (attempt - 1);
  return base + Math.floor(Math.random() * base * 0.5);
}
