import "server-only";
// Failed sign-ins and refused requests, for the people who watch the portal. Each is logged, and a
// failed sign-in is also an audit event; both at a bounded rate, because anyone on the network can
// cause them and must not be able to flood the log or the audit table. Nothing here is ever given
// a token, a cookie or a request body: only codes, fixed messages and names. The budgets are per
// process on purpose: they bound what one process writes to its own log, so N replicas write N
// logs (the operator-facing limits, by contrast, are shared through the database).
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { clientAddress } from "@/lib/server/http/client-address";
import { log } from "@/lib/server/log";
import { TokenBuckets } from "@/lib/server/rate-limit/token-bucket";

/**
 * 10 at once and 10 a minute per client address, 60 a minute in all (an attacker rotating
 * addresses). Dropped events are counted and reported with the next one that is written.
 */
class EventLimiter {
  private readonly perAddress = new TokenBuckets(10, 10);
  private readonly overall = new TokenBuckets(60, 60);
  private suppressed = 0;

  /** How many were dropped before this event, or null to drop this one. */
  admit(address: string | undefined): number | null {
    if (!this.perAddress.take(address ?? "unknown").ok || !this.overall.take("all").ok) {
      this.suppressed += 1;
      return null;
    }
    const dropped = this.suppressed;
    this.suppressed = 0;
    return dropped;
  }

  reset(): void {
    this.perAddress.reset();
    this.overall.reset();
    this.suppressed = 0;
  }
}

// Separate budgets, so a flood of refused API calls cannot hide failed sign-ins from the audit log.
const signInFailures = new EventLimiter();
const refusals = new EventLimiter();

export function resetSecurityEventLimitsForTests(): void {
  signInFailures.reset();
  refusals.reset();
}

const where = (request: Request) => ({ method: request.method, path: new URL(request.url).pathname, clientAddress: clientAddress(request) });

/** An operator sign-in that was refused: `reason` is the error code, `message` its user-safe text. */
export async function reportSignInFailure(request: Request, failure: { reason: string; message: string }): Promise<void> {
  const context = where(request);
  const dropped = signInFailures.admit(context.clientAddress);
  if (dropped === null) return;
  log.warn("operator sign-in refused", { reason: failure.reason, detail: failure.message, ...context, suppressedBefore: dropped });
  try {
    await recordAuditEvent(
      db(),
      { id: "unknown", name: "Unverified sign-in" },
      {
        action: "operator.sign_in_failed",
        targetType: "settings",
        summary: `Sign-in refused (${failure.reason}): ${failure.message}`,
        details: { reason: failure.reason, clientAddress: context.clientAddress ?? null, suppressedBefore: dropped },
      },
    );
  } catch (error) {
    // The refusal stands either way; an audit table that cannot be written is logged, not fatal here.
    log.error("could not record a failed sign-in in the audit log", { error: error instanceof Error ? error.message : String(error) });
  }
}

/** A request the API wrapper refused: not signed in, a role without the permission, another origin. */
export function reportRefusal(request: Request, refusal: { code: string; operatorId?: string; permission?: string }): void {
  const context = where(request);
  const dropped = refusals.admit(context.clientAddress);
  if (dropped === null) return;
  log.warn("request refused", { code: refusal.code, operatorId: refusal.operatorId, permission: refusal.permission, ...context, suppressedBefore: dropped });
}
