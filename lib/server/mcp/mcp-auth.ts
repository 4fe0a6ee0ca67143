import "server-only";
// Who is calling the agent's MCP server, and the guard that turns that caller into an AgentCaller
// with its Access grant. Like requireOperator and apiRoute, this is a guard: it grants access only
// after it has authenticated the caller.
//
// Authentication is the agent API's (lib/server/agent/authenticate-agent.ts), the same as for
// POST /api/agent/token: a registered agent identity's Entra access token (it may write, and only
// to the organizations and databases assigned to it) or an API token tb_… (any organization or
// database; writes need the write scope). The audit log names the identity or the token.
import { hostname, userInfo } from "node:os";
import type { AgentCaller } from "@/lib/server/agent/agent-caller";
import { assertAgentMayUse, assertAgentMayWrite, authenticateAgentRequest, type AgentPrincipal } from "@/lib/server/agent/authenticate-agent";
import { grantAccess } from "@/lib/server/auth/access";
import type { Operator } from "@/lib/server/auth/permissions";
import { reportRefusal } from "@/lib/server/auth/security-events";
import type { AgentTarget } from "@/lib/schemas/agent-access";
import { AppError } from "@/lib/server/errors";

/** An authenticated caller of the agent's tools: who (as the audit log shows it), what it may do, which organizations and databases. */
type ToolPrincipal = {
  id: string;
  name: string;
  scope: "read" | "write";
  canWrite: boolean;
  /** Throws AppError("forbidden") when the principal is not assigned this organization or database. */
  assertMayUse(target: AgentTarget): Promise<void>;
  /** Throws AppError("forbidden") when the principal may not write (a read-scope API token). */
  assertMayWrite(what: string): void;
};

function toolPrincipal(principal: AgentPrincipal): ToolPrincipal {
  return {
    id: principal.actor.id,
    name: principal.actor.name,
    scope: principal.kind === "api_token" ? principal.scope : "write",
    canWrite: principal.mayWrite,
    assertMayUse: async (target) => assertAgentMayUse(principal, target),
    assertMayWrite: (what) => assertAgentMayWrite(principal, what),
  };
}

/** Authenticates the request's bearer token as an agent identity or an API token. */
async function authenticateAgentBearer(request: Request): Promise<ToolPrincipal> {
  try {
    return toolPrincipal(await authenticateAgentRequest(request));
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") reportRefusal(request, { code: "unauthenticated" });
    throw error;
  }
}

function callerFor(principal: ToolPrincipal): AgentCaller {
  // Agents read the catalogue as a reader would; writes to Azure DevOps are decided by scope.
  const operator: Operator = { id: principal.id, name: principal.name, role: "reader" };
  return {
    id: principal.id,
    name: principal.name,
    canWrite: principal.canWrite,
    access: grantAccess(operator, "connectors.read", "sources.read"),
    assertMayUse: (target) => principal.assertMayUse(target),
    assertMayWrite: (what) => principal.assertMayWrite(what),
  };
}

/** For /api/mcp: the request's bearer token, or a 401/403 with the fix. */
export async function authenticateMcpRequest(request: Request): Promise<AgentCaller> {
  return callerFor(await authenticateAgentBearer(request));
}

/** For the stdio server: the local process already holds the database and the keys, so it acts with write scope. */
export function localProcessCaller(): AgentCaller {
  const who = `${userInfo().username}@${hostname()}`;
  return callerFor({ id: `local-process:${who}`, name: `MCP over stdio (${who})`, scope: "write", canWrite: true, assertMayUse: async () => {}, assertMayWrite: () => {} });
}
