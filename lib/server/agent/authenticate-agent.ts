import "server-only";
// Who is calling on the agent's side: a registered agent identity (its workload identity's Entra
// access token for the portal's API) or an API token (tb_…). The token API, the MCP server and
// the git credential helper all start here, then ask assertAgentMayUse for each organization or
// database they touch. Every refusal is a 401 with a WWW-Authenticate challenge naming the reason,
// or a 403 naming what is missing; nothing is cached between requests, so a revoked token or a
// removed assignment is refused on the next request.
import { db as defaultDb, type Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import type { AgentAssignmentDto, AgentTarget, ApiTokenScope } from "@/lib/schemas/agent-access";
import { API_TOKEN_PREFIX, apiTokenActor, findApiTokenCaller } from "./api-tokens";
import { describeTarget, normalizeTarget } from "./agent-targets";
import { invalidToken, unverifiedTenant, verifyAgentAccessToken } from "./verify-agent-access-token";

/** The audit log's actor: "Agent identity '<name>'" or "API token '<name>'". */
export type AgentActor = { id: string; name: string };

export type AgentPrincipal =
  | {
      kind: "agent_identity";
      /** The AgentIdentity row. */
      id: string;
      tenantId: string;
      /** The managed identity's principal (object) id: the token's oid. */
      principalId: string;
      displayName: string;
      actor: AgentActor;
      /** The organizations and databases it may use; nothing else. */
      assignments: (AgentAssignmentDto & { key: string })[];
      /** Agent identities may write (comment, create work items) where their connector's identity may. */
      mayWrite: true;
    }
  | {
      kind: "api_token";
      /** The ApiToken row. */
      id: string;
      name: string;
      scope: ApiTokenScope;
      actor: AgentActor;
      /** Write-scope tokens only. API tokens are not limited to assignments: they act for an administrator. */
      mayWrite: boolean;
    };

const challenge = 'Bearer realm="TenantBridge"';

/** The bearer token of the request, or a 401 with a challenge when there is none. */
export function bearerToken(request: Request): string {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer[ ]+([^\s]+)\s*$/i.exec(header) : null;
  if (!match?.[1] || match[1].length > 16_384) {
    throw new AppError("unauthenticated", "Send Authorization: Bearer <token>: an Entra ID access token for the portal's API, or an API token (tb_…).", {
      wwwAuthenticate: challenge,
    });
  }
  return match[1];
}

/** Authenticates the request's bearer token as an agent identity or an API token. */
export async function authenticateAgentRequest(request: Request, options: { db?: Db } = {}): Promise<AgentPrincipal> {
  const database = options.db ?? defaultDb();
  const token = bearerToken(request);
  if (token.startsWith(API_TOKEN_PREFIX)) {
    const caller = await findApiTokenCaller(database, token);
    return { kind: "api_token", id: caller.id, name: caller.name, scope: caller.scope, actor: apiTokenActor(caller), mayWrite: caller.scope === "write" };
  }
  const tenantId = unverifiedTenant(token);
  const registeredInTenant = await database.agentIdentity.count({ where: { tenantId } });
  if (registeredInTenant === 0) {
    throw invalidToken(
      "tenant_not_registered",
      `Tokens from tenant ${tenantId} are not accepted: no agent identity of that tenant is registered.`,
      "An administrator registers the agent's managed identity under Settings → Agent access.",
    );
  }
  const workload = await verifyAgentAccessToken(token, tenantId);
  const identity = await database.agentIdentity.findUnique({
    where: { tenantId_principalId: { tenantId, principalId: workload.objectId } },
    include: { assignments: true },
  });
  if (!identity) {
    throw new AppError("forbidden", `The identity ${workload.objectId} of tenant ${tenantId} is not a registered agent identity.`, {
      hint: "An administrator registers it under Settings → Agent access, with its principal (object) id, not its client id.",
    });
  }
  return {
    kind: "agent_identity",
    id: identity.id,
    tenantId,
    principalId: identity.principalId,
    displayName: identity.displayName,
    actor: { id: `agent:${identity.id}`, name: `Agent identity '${identity.displayName}'` },
    assignments: identity.assignments.map((row) =>
      row.kind === "ado"
        ? { kind: "ado" as const, organization: row.organization ?? "", key: row.targetKey }
        : { kind: "kusto" as const, clusterUrl: row.clusterUrl ?? "", database: row.database ?? "", key: row.targetKey },
    ),
    mayWrite: true,
  };
}

/**
 * Throws 403 unless the principal may use the organization or database. Agent identities need an
 * assignment; API tokens act for an administrator and may use any.
 */
export function assertAgentMayUse(principal: AgentPrincipal, target: AgentTarget): void {
  if (principal.kind === "api_token") return;
  const wanted = normalizeTarget(target);
  if (principal.assignments.some((assignment) => assignment.key === wanted.key)) return;
  throw new AppError("forbidden", `${principal.actor.name} is not assigned ${describeTarget(wanted)}.`, {
    hint: "An administrator assigns it under Settings → Agent access.",
  });
}

/** Throws 403 for a read-scope API token: credentials and writes need the write scope. */
export function assertAgentMayWrite(principal: AgentPrincipal, what: string): void {
  if (principal.mayWrite) return;
  throw new AppError("forbidden", `${principal.actor.name} has the read scope and cannot ${what}.`, {
    hint: "Use an API token with the write scope.",
  });
}
