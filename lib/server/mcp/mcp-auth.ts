import "server-only";
// Who is calling the agent's endpoints (/api/mcp, and the token endpoint the git credential
// helper calls), and the guard that turns that caller into an AgentCaller with its Access grant.
// Like requireOperator and apiRoute, this is a guard: it grants access only after it has
// authenticated the caller.
//
// Authentication has ONE call site, `authenticateAgentBearer` below. Until agent identities
// (Entra tokens verified with jose) and API tokens (tb_…) exist, it accepts the interim shared
// token TB_AGENT_INTERIM_TOKEN with write scope and no assignment limits; re-point it at the
// agent API's authenticateAgentRequest(request) and its assignment check.
import { hostname, userInfo } from "node:os";
import { timingSafeEqual, createHash } from "node:crypto";
import type { AgentCaller } from "@/lib/server/agent/agent-caller";
import { grantAccess } from "@/lib/server/auth/access";
import type { Operator } from "@/lib/server/auth/permissions";
import { reportRefusal } from "@/lib/server/auth/security-events";
import type { BrokerTarget } from "@/lib/server/broker/get-access-token";
import { AppError } from "@/lib/server/errors";
import { settings } from "@/lib/server/settings";

/** An authenticated agent principal: who, what it may do, which organizations and databases. */
export type AgentPrincipal = {
  id: string;
  name: string;
  scope: "read" | "write";
  /** Throws AppError("forbidden") when the principal is not assigned this organization or database. */
  assertMayUse(target: BrokerTarget): Promise<void>;
};

const sameToken = (a: string, b: string) => {
  const left = createHash("sha256").update(a).digest();
  const right = createHash("sha256").update(b).digest();
  return timingSafeEqual(left, right);
};

const BEARER_HINT = "Send Authorization: Bearer <token> (the agent's token for TenantBridge).";

/** The one call site to re-point: authenticates the request's bearer token as an agent principal. */
async function authenticateAgentBearer(request: Request): Promise<AgentPrincipal> {
  // Interim: one shared token from the environment, with write scope and every assignment.
  const expected = settings().agentInterimToken;
  const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!expected) throw new AppError("unauthenticated", "The agent endpoints are not enabled on this portal.", { hint: "Set TB_AGENT_INTERIM_TOKEN on the portal, or use the stdio MCP server (npm run mcp)." });
  if (!presented || !sameToken(presented, expected)) {
    reportRefusal(request, { code: "unauthenticated" });
    throw new AppError("unauthenticated", presented ? "The agent token is not valid." : "The agent endpoints need a bearer token.", { hint: BEARER_HINT });
  }
  return { id: "agent-token:interim", name: "Agent (interim token)", scope: "write", assertMayUse: async () => {} };
}

function callerFor(principal: AgentPrincipal): AgentCaller {
  // Agents read the catalogue as a reader would; writes to Azure DevOps are decided by scope.
  const operator: Operator = { id: principal.id, name: principal.name, role: "reader" };
  return {
    id: principal.id,
    name: principal.name,
    canWrite: principal.scope === "write",
    access: grantAccess(operator, "connectors.read", "sources.read"),
    assertMayUse: (target) => principal.assertMayUse(target),
  };
}

/** For /api/mcp and the agent token endpoint: the request's bearer token, or a 401 with the fix. */
export async function authenticateMcpRequest(request: Request): Promise<AgentCaller> {
  return callerFor(await authenticateAgentBearer(request));
}

/** For the stdio server: the local process already holds the database and the keys, so it acts with write scope. */
export function localProcessCaller(): AgentCaller {
  const who = `${userInfo().username}@${hostname()}`;
  return callerFor({ id: `local-process:${who}`, name: `MCP over stdio (${who})`, scope: "write", assertMayUse: async () => {} });
}
