// INTERIM agent token endpoint, for the git credential helper and scripts until the agent API
// (agent identities verified with jose, API tokens) provides POST /api/agent/token: it accepts
// the callers lib/server/mcp/mcp-auth.ts accepts and answers the same contract, so clients do not
// change when it is replaced. Request `{ organization }` or `{ clusterUrl, database }` with
// `Authorization: Bearer <agent token>`; answer `{ authorization, expiresOn, method }` from the
// credential broker, or problem JSON `{ title, detail, cause, fix }`. Every issuance is audited
// (never the token).
import { z } from "zod";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getAccessToken, type BrokerTarget } from "@/lib/server/broker/get-access-token";
import { TokenUnavailableError } from "@/lib/server/broker/token-unavailable-error";
import { db } from "@/lib/server/db/client";
import { AppError, type AppErrorCode } from "@/lib/server/errors";
import { publicRoute } from "@/lib/server/http/api-route";
import { fieldIssuesFromZod } from "@/lib/server/http/translate-error";
import { normalizeClusterUrl } from "@/lib/server/kusto/cluster-url";
import { log } from "@/lib/server/log";
import { authenticateMcpRequest } from "@/lib/server/mcp/mcp-auth";
import { settings } from "@/lib/server/settings";

export const dynamic = "force-dynamic";

const name = z.string().trim().min(1).max(256);
const requestSchema = z.union([z.strictObject({ organization: name }), z.strictObject({ clusterUrl: z.string().trim().min(1).max(512), database: name })]);

const statusByCode: Partial<Record<AppErrorCode, number>> = { validation_failed: 422, unauthenticated: 401, forbidden: 403, not_found: 404, rate_limited: 429, misconfigured: 409, payload_too_large: 413 };

function problem(status: number, body: { title: string; cause: string; fix: string; code: string; [key: string]: unknown }): Response {
  return new Response(JSON.stringify({ type: "about:blank", status, detail: body.cause, ...body }), { status, headers: { "content-type": "application/problem+json" } });
}

function problemFrom(error: unknown): Response {
  if (error instanceof TokenUnavailableError) {
    const { code, title, cause, fix, link, traceId } = error.decoded;
    return problem(502, { code, title, cause, fix, ...(link ? { link } : {}), ...(traceId ? { traceId } : {}) });
  }
  if (error instanceof z.ZodError) {
    const fields = fieldIssuesFromZod(error);
    return problem(422, { code: "validation_failed", title: "The request has invalid fields", cause: fields.map((field) => `${field.field}: ${field.message}`).join("; "), fix: "Send { organization } or { clusterUrl, database }.", fields });
  }
  if (error instanceof AppError) {
    return problem(statusByCode[error.code] ?? 502, { code: error.code, title: error.message, cause: error.message, fix: error.hint ?? "Check the request and try again.", ...(error.fields.length ? { fields: error.fields } : {}) });
  }
  log.error("agent token endpoint failed", { error });
  return problem(500, { code: "internal_error", title: "The token could not be issued", cause: "Something went wrong on the server.", fix: "Try again; if it persists, report it to your TenantBridge administrator." });
}

export const POST = publicRoute({}, async ({ request }) => {
  try {
    const caller = await authenticateMcpRequest(request);
    let raw: unknown;
    try {
      raw = JSON.parse(await request.text());
    } catch {
      throw new AppError("validation_failed", "The request body is not valid JSON.", { hint: "Send { organization } or { clusterUrl, database } as JSON." });
    }
    const body = requestSchema.parse(raw);
    const target: BrokerTarget = "organization" in body ? { organization: body.organization } : { clusterUrl: normalizeClusterUrl(body.clusterUrl, settings().kustoExtraOrigins), database: body.database };
    await caller.assertMayUse(target);
    const token = await getAccessToken(target);
    const subject = "organization" in target ? target.organization : `${target.database} on ${target.clusterUrl}`;
    await recordAuditEvent(db(), { id: caller.id, name: caller.name }, { action: "agent.token_issued", targetType: "organization", targetId: subject, summary: `Issued a ${token.method} credential for ${subject}`, details: { method: token.method, expiresOn: token.expiresOn?.toISOString() ?? null } });
    return { authorization: token.authorization, expiresOn: token.expiresOn?.toISOString() ?? null, method: token.method };
  } catch (error) {
    return problemFrom(error);
  }
});
