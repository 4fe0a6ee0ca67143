import "server-only";
// The token API: an authenticated agent principal asks for a credential for one organization or
// database it is assigned, and gets the broker's answer (the same cached token the portal's own
// checks use) or the broker's decoded failure. Each issuance and each failure is audited without
// the credential, and each principal is rate-limited through the shared store, so N replicas
// allow the limit once.
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getAccessToken } from "@/lib/server/broker/get-access-token";
import { TokenUnavailableError } from "@/lib/server/broker/token-unavailable-error";
import type { Db } from "@/lib/server/db/client";
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { AppError } from "@/lib/server/errors";
import { translateError } from "@/lib/server/http/translate-error";
import { recordRateLimited } from "@/lib/server/observability/metrics";
import { tokenBucketPolicy } from "@/lib/server/rate-limit/rate-limit-policies";
import { resetSharedRateLimit, takeSharedSlot } from "@/lib/server/rate-limit/take-shared-slot";
import { authMethodLabels, type AuthMethod } from "@/lib/schemas/connector";
import type { AgentTarget } from "@/lib/schemas/agent-access";
import { describeTarget, normalizeTarget } from "./agent-targets";
import { assertAgentMayUse, assertAgentMayWrite, type AgentPrincipal } from "./authenticate-agent";

/** An agent caches what it gets until shortly before expiry; a loop asking on every call does not fit. */
export const AGENT_TOKEN_BURST = 30;
export const AGENT_TOKENS_PER_MINUTE = 60;
const agentTokens = tokenBucketPolicy("agent_token", AGENT_TOKEN_BURST, AGENT_TOKENS_PER_MINUTE);

export type AgentTokenAnswer = { authorization: string; expiresOn: string | null; method: AuthMethod };

/** Codes of the broker's decoded errors when the upstream did not answer (rather than refused). */
const NOT_ANSWERING = /^(timeout|unreachable|breaker_open|HTTP 5\d\d)$/;

async function takeAgentTokenSlot(db: Db, principal: AgentPrincipal): Promise<void> {
  const result = await takeSharedSlot(db, agentTokens, principal.actor.id);
  if (result.ok) return;
  recordRateLimited("agent_token");
  throw new AppError("rate_limited", `${principal.actor.name} asked for too many credentials in a short time.`, {
    hint: `Wait ${result.retryAfterSeconds} s. Keep each credential until shortly before its expiresOn instead of asking on every call.`,
    retryAfterSeconds: result.retryAfterSeconds,
  });
}

/** Tests only: every principal starts with a full bucket. */
export function resetAgentTokenRateLimit(db: Db): Promise<void> {
  return resetSharedRateLimit(db, agentTokens);
}

function auditTarget(principal: AgentPrincipal) {
  return { targetType: principal.kind, targetId: principal.id } as const;
}

function publicDecoded(decoded: DecodedError) {
  const { code, title, cause, fix, expected, configured, link, traceId } = decoded;
  return { code, title, cause, fix, expected, configured, link, traceId };
}

/** The broker's failure as an HTTP answer: 503 when the upstream did not answer, else its own status, with the decoded hop. */
export async function brokerFailureResponse(error: TokenUnavailableError, requestId?: string): Promise<Response> {
  const translated = translateError(error, requestId);
  const status = NOT_ANSWERING.test(error.decoded.code) ? 503 : translated.status;
  const body = (await translated.json()) as { error: Record<string, unknown> };
  return Response.json({ error: { ...body.error, decoded: publicDecoded(error.decoded) } }, { status });
}

export async function issueAgentToken(db: Db, principal: AgentPrincipal, target: AgentTarget): Promise<AgentTokenAnswer> {
  assertAgentMayWrite(principal, "get credentials (a credential can write)");
  assertAgentMayUse(principal, target);
  await takeAgentTokenSlot(db, principal);
  const normalized = normalizeTarget(target);
  const where = normalized.kind === "ado" ? { organization: normalized.organization } : { clusterUrl: normalized.clusterUrl, database: normalized.database };
  try {
    const token = await getAccessToken(normalized.kind === "ado" ? { organization: normalized.organization } : { clusterUrl: normalized.clusterUrl, database: normalized.database }, { db });
    await recordAuditEvent(db, principal.actor, {
      action: "agent.token_issued",
      ...auditTarget(principal),
      summary: `Issued a credential for ${describeTarget(normalized)} (${authMethodLabels[token.method]})`,
      details: { ...where, method: token.method, expiresOn: token.expiresOn?.toISOString() ?? null },
    });
    return { authorization: token.authorization, expiresOn: token.expiresOn?.toISOString() ?? null, method: token.method };
  } catch (error) {
    if (error instanceof AppError) {
      const decoded = error instanceof TokenUnavailableError ? error.decoded : undefined;
      await recordAuditEvent(db, principal.actor, {
        action: "agent.token_failed",
        ...auditTarget(principal),
        summary: `No credential for ${describeTarget(normalized)}: ${decoded ? decoded.title : error.message}`,
        details: { ...where, code: decoded?.code ?? error.code },
      });
    }
    throw error;
  }
}
