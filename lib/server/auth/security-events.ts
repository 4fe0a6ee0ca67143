import "server-only";
// Failed sign-ins and refused requests, for the people who watch the portal. Each is logged, and a
// failed sign-in is also an audit event; both at a bounded rate per client address and overall,
// because anyone on the network can cause them and must not be able to flood the log or the audit
// table. What is dropped is counted and reported with the next event that is written. Nothing
// here is ever given a token, a cookie or a request body: only codes, fixed messages and names.
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { clientAddress } from "@/lib/server/http/client-address";
import { log } from "@/lib/server/log";
import { TokenBuckets } from "@/lib/server/rate-limit/token-bucket";

// 10 at once and 10 a minute per address; 60 a minute in all (an attacker rotating addresses).
const perAddress = new TokenBuckets(10, 10);
const overall = new TokenBuckets(60, 60);
let suppressed = 0;

/** Takes a slot for one event; returns how many were dropped before it, or null to drop this one. */
function admit(address: string | undefined): number | null {
  if (!perAddress.take(address ?? "unknown").ok || !overall.take("all").ok) {
    suppressed += 1;
    return null;
  }
  const dropped = suppressed;
  suppressed = 0;
  return dropped;
}

export function resetSecurityEventLimitsForTests(): void {
  perAddress.reset();
  overall.reset();
  suppressed = 0;
}

const where = (request: Request) => ({ method: request.method, path: new URL(request.url).pathname, clientAddress: clientAddress(request) });

/** An operator sign-in that was refused: `reason` is the error code, `message` its user-safe text. */
export async function reportSignInFailure(request: Request, failure: { reason: string; message: string }): Promise<void> {
  const context = where(request);
  const dropped = admit(context.clientAddress);
  if (dropped === null) return;
  log.warn("operator sign-in refused", { reason: failure.reason, detail: failure.message, ...context, suppressedBefore: dropped });
  try {
    await recordAuditEvent(db(), { id: "unknown", name: "Unverified sign-in" }, {
      action: "operator.sign_in_failed",
      targetType: "settings",
      summary: `Sign-in refused (${failure.reason}): ${failure.message}`,
      details: { reason: failure.reason, clientAddress: context.clientAddress ?? null, suppressedBefore: dropped },
    });
  } catch (error) {
    // The refusal stands either way; an audit table that cannot be written is logged, not fatal here.
    log.error("could not record a failed sign-in in the audit log", { error: error instanceof Error ? error.message : String(error) });
  }
}

/** A request the API wrapper refused: not signed in, a role without the permission, another origin. */
export function reportRefusal(request: Request, refusal: { code: string; operatorId?: string; permission?: string }): void {
  const context = where(request);
  const dropped = admit(context.clientAddress);
  if (dropped === null) return;
  log.warn("request refused", { code: refusal.code, operatorId: refusal.operatorId, permission: refusal.permission, ...context, suppressedBefore: dropped });
}
