import "server-only";
// Sends pending alert events to the webhook. Each attempt is claimed with a compare-and-swap on
// the attempt counter, so portal instances sharing a database never send one attempt twice.
// Failures (a non-2xx answer, a redirect, no answer in time) are retried with exponential
// backoff, up to maxAttempts; then the event is marked failed and shown so on the health page.
// Redirects are never followed: the operator chose the URL, not whoever answers it. Each attempt
// is signed afresh (its own timestamp), so a receiver can refuse old deliveries.
//
// Replicas on one PostgreSQL deliver one at a time, under an advisory lock held for the whole
// pass. The attempt claim alone is a lease timed by the claimer's clock: a replica whose clock
// runs ahead would take an attempt that is still being sent and send it again. A replica that
// finds the lock taken comes back shortly; the holder's pass ends by looking up the next pending
// event, so events stored during its pass are not left behind.
import { tryWithAdvisoryLock } from "@/lib/server/db/advisory-lock";
import type { Db } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";
import { postWebhook, RefusedAddressError, type ResolveHost } from "./post-webhook";
import { EVENT_HEADER, signWebhook } from "./sign-webhook";
import { webhookPayload } from "./webhook-payload";
import type { WebhookTarget } from "./webhook-target";

export type DeliveryOptions = {
  target: WebhookTarget;
  now?: () => Date;
  /** First retry after this long, then doubling. */
  backoffBaseMs?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  /** DNS for the webhook's host; the system resolver unless a test plays a DNS server. */
  resolve?: ResolveHost;
};

export const DEFAULT_BACKOFF_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 5;
const BATCH = 50;
/** How soon a replica that found another one delivering looks again. */
export const LEADER_RETRY_MS = 5_000;

export type DeliveryReport = { delivered: number; retrying: number; failed: number; nextAttemptAt: Date | null };

export async function deliverDueAlerts(db: Db, options: DeliveryOptions): Promise<DeliveryReport> {
  // A pass sends its batch in parallel, each send bounded by the timeout.
  const holdMs = 2 * (options.timeoutMs ?? 10_000) + 30_000;
  const pass = await tryWithAdvisoryLock(db, "alert-delivery", () => deliverPass(db, options), { holdMs });
  if (pass.ran) return pass.value;
  return { delivered: 0, retrying: 0, failed: 0, nextAttemptAt: new Date(Date.now() + LEADER_RETRY_MS) };
}

async function deliverPass(db: Db, options: DeliveryOptions): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date());
  const backoff = options.backoffBaseMs ?? DEFAULT_BACKOFF_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0, nextAttemptAt: null };

  const due = await db.alertEvent.findMany({
    where: { deliveryStatus: "pending", nextAttemptAt: { lte: now() } },
    orderBy: { at: "asc" },
    take: BATCH,
  });
  await Promise.all(
    due.map(async (event) => {
      const attempt = event.attempts + 1;
      const claimed = await db.alertEvent.updateMany({
        where: { id: event.id, deliveryStatus: "pending", attempts: event.attempts },
        // While this attempt runs, nobody else picks the event up.
        data: { attempts: attempt, lastAttemptAt: now(), nextAttemptAt: new Date(now().getTime() + timeoutMs + 5_000) },
      });
      if (claimed.count === 0) return;
      const problem = await send(options, JSON.stringify(webhookPayload(event)), event.id, event.type, timeoutMs);
      if (!problem) {
        await db.alertEvent.update({ where: { id: event.id }, data: { deliveryStatus: "delivered", deliveredAt: now(), nextAttemptAt: null, lastError: null } });
        report.delivered++;
        return;
      }
      const giveUp = attempt >= maxAttempts;
      const nextAttemptAt = giveUp ? null : new Date(now().getTime() + backoff * 2 ** (attempt - 1));
      await db.alertEvent.update({ where: { id: event.id }, data: { deliveryStatus: giveUp ? "failed" : "pending", nextAttemptAt, lastError: problem } });
      log.warn(giveUp ? "alert webhook gave up" : "alert webhook failed; will retry", { eventId: event.id, attempt, problem, host: options.target.url.host });
      if (giveUp) report.failed++;
      else report.retrying++;
    }),
  );
  const next = await db.alertEvent.findFirst({ where: { deliveryStatus: "pending" }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } });
  report.nextAttemptAt = next?.nextAttemptAt ?? null;
  return report;
}

/** Null when the receiver accepted the event, else what went wrong, in words for the operator. */
async function send(options: DeliveryOptions, body: string, eventId: string, type: string, timeoutMs: number): Promise<string | null> {
  try {
    const status = await postWebhook(options.target, {
      headers: {
        "content-type": "application/json",
        "user-agent": "TenantBridge-Alerts",
        ...signWebhook(options.target.secret, eventId, body, new Date()),
        [EVENT_HEADER]: type,
      },
      body,
      timeoutMs,
      resolve: options.resolve,
    });
    if (status >= 200 && status < 300) return null;
    if (status >= 300 && status < 400) return `The webhook answered ${status} (a redirect, which is not followed).`;
    return `The webhook answered ${status}.`;
  } catch (error) {
    if (error instanceof RefusedAddressError) return `The webhook was not called: ${error.message}.`;
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    if (timedOut) return `The webhook did not answer within ${Math.round(timeoutMs / 1000)} s.`;
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    return `The webhook could not be reached (${cause}).`;
  }
}
