import "server-only";
// The agent's side of the API: the token API (agent identities and API tokens) and the
// administrator's routes that register agent identities and create API tokens.
import { z } from "zod";
import { agentTokenRequestSchema, createAgentIdentitySchema, createApiTokenSchema, updateAgentIdentitySchema } from "@/lib/schemas/agent-access";
import { authMethods } from "@/lib/schemas/connector";
import type { ApiOperation } from "./api-operations";
import { agentIdentitySchema, apiTokenSchema } from "@/lib/schemas/responses/agent-access";

const agentTokenSchema = z.object({
  authorization: z.string().describe('The Authorization header value for Azure DevOps or Kusto: "Bearer …" or "Basic …" (a PAT)'),
  expiresOn: z.string().nullable().describe("When it stops working (null: a PAT without an expiry date)"),
  method: z.enum(authMethods),
});

const tokenNote = [
  "Authenticate with `Authorization: Bearer <token>`: an Entra ID access token that the agent's managed identity got for the portal's API (resource `api://<portal client id>`, or TB_API_AUDIENCE), from a registered agent identity assigned the organization or database; or a write-scope API token (`tb_…`), which may use any.",
  '401 (with `WWW-Authenticate: Bearer error="invalid_token", error_description="<reason>: …"`) for a missing, malformed, expired, altered or wrongly addressed token, or a tenant without a registered identity; 403 for an unregistered identity, an organization or database not assigned to it, or a read-scope API token; 404 when no connector serves the target; 429 per identity; 502 when the connector\'s method was refused upstream and 503 when the upstream did not answer, each with `error.decoded` (the failing hop\'s code, cause, fix and link).',
  "Every issuance and every upstream failure is in the audit log (never the credential).",
].join("\n\n");

export const agentAccessOperations: ApiOperation[] = [
  {
    method: "post",
    path: "/api/agent/token",
    tag: "Agent access",
    summary: "Get a credential for an organization or Kusto database (for the agent)",
    permission: null,
    security: "agent",
    description: tokenNote,
    body: agentTokenRequestSchema,
    success: { status: 200, description: "The credential", schema: agentTokenSchema },
    errors: [401, 403, 404, 429, 502, 503],
  },
  {
    method: "post",
    path: "/api/mcp",
    tag: "Agent access",
    summary: "The agent's MCP server (Streamable HTTP, stateless, JSON answers)",
    permission: null,
    security: "agent",
    description:
      "A Model Context Protocol endpoint for the agent: send JSON-RPC messages with `Authorization: Bearer <token>` (as for POST /api/agent/token: a registered agent identity's Entra access token, which may use the organizations and databases assigned to it, or an API token `tb_…`, which may use any; a read-scope token may list and read, not comment or create) and `Accept: application/json, text/event-stream`. Tools: list_connectors, list_repository_tree, read_repository_file, get_work_item, create_work_item, comment_on_work_item, list_pull_requests, comment_on_pull_request, run_kusto_query. A refused tool call is a tool error result with the cause and fix, not an HTTP error.",
    success: { status: 200, description: "JSON-RPC response(s)", schema: z.unknown() },
    errors: [401, 403, 406, 415],
  },
  {
    method: "get",
    path: "/api/agent-identities",
    tag: "Agent access",
    summary: "Registered agent identities and what each may use",
    permission: "access.manage",
    success: { status: 200, description: "Agent identities", schema: z.object({ items: z.array(agentIdentitySchema) }) },
  },
  {
    method: "post",
    path: "/api/agent-identities",
    tag: "Agent access",
    summary: "Register an agent identity (tenant and principal id) with its organizations and databases",
    permission: "access.manage",
    body: createAgentIdentitySchema,
    success: { status: 201, description: "The agent identity", schema: agentIdentitySchema },
    errors: [409],
  },
  {
    method: "patch",
    path: "/api/agent-identities/{id}",
    tag: "Agent access",
    summary: "Rename an agent identity or replace its assignments (version-checked)",
    permission: "access.manage",
    body: updateAgentIdentitySchema,
    success: { status: 200, description: "The agent identity", schema: agentIdentitySchema },
    errors: [404, 409],
  },
  {
    method: "delete",
    path: "/api/agent-identities/{id}",
    tag: "Agent access",
    summary: "Remove an agent identity",
    permission: "access.manage",
    query: z.object({ version: z.coerce.number().int().min(1) }),
    success: { status: 204, description: "Removed" },
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/api/api-tokens",
    tag: "Agent access",
    summary: "API tokens (never the tokens themselves)",
    permission: "access.manage",
    success: { status: 200, description: "API tokens, newest first", schema: z.object({ items: z.array(apiTokenSchema) }) },
  },
  {
    method: "post",
    path: "/api/api-tokens",
    tag: "Agent access",
    summary: "Create an API token; the answer is the only time it is shown",
    permission: "access.manage",
    description: "Scope `read` acts with the reader role's permissions, `write` with the administrator's, except managing agent identities and API tokens, which needs a signed-in administrator.",
    body: createApiTokenSchema,
    success: { status: 201, description: "The token (tb_…) and its row", schema: z.object({ token: z.string(), apiToken: apiTokenSchema }) },
    errors: [409],
  },
  {
    method: "delete",
    path: "/api/api-tokens/{id}",
    tag: "Agent access",
    summary: "Revoke an API token (refused from its next request on)",
    permission: "access.manage",
    success: { status: 200, description: "The revoked token", schema: apiTokenSchema },
    errors: [404],
  },
];
