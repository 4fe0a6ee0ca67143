import "server-only";
// Who is using the agent's tools (the MCP server, the git credential helper's token call): an
// agent identity, an API token or the local process. The guard that authenticated the caller
// (lib/server/mcp/mcp-auth.ts) made the Access grant and the assignment check; the tools only
// read them.
import type { Access } from "@/lib/server/auth/access";
import type { AgentTarget } from "@/lib/schemas/agent-access";

export type AgentCaller = {
  /** Stable id for the audit log: "agent:<id>", "api-token:<id>", "local-process:<user>@<host>". */
  id: string;
  /** What the audit log shows. */
  name: string;
  /** Read scope may list and read; write scope may also comment and create. */
  canWrite: boolean;
  access: Access<"connectors.read" | "sources.read">;
  /** Throws an AppError (forbidden) when the caller may not use this organization or database. */
  assertMayUse(target: AgentTarget): Promise<void>;
  /** Throws an AppError (forbidden) naming the scope when the caller may only read. */
  assertMayWrite(what: string): void;
};
