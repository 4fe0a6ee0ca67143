import "server-only";
// The agent's MCP server: one tool per thing the agent does with a connector (lib/server/agent/
// agent-tools.ts), with zod input schemas. A refused call answers the tool's error result
// (isError) with ADO's, Kusto's or Entra's code, the cause and the fix; an unexpected failure
// answers a correlation id, never a stack. Streamable HTTP (app/api/mcp) and stdio
// (scripts/mcp-stdio.ts) build one per caller.
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { AgentCaller } from "@/lib/server/agent/agent-caller";
import * as tools from "@/lib/server/agent/agent-tools";
import { describeRefusal, toRefusal, ToolRefusal } from "@/lib/server/agent/tool-refusal";
import { AppError } from "@/lib/server/errors";
import { log } from "@/lib/server/log";

const name = (what: string) => z.string().trim().min(1).max(256).describe(what);
const organization = name("Azure DevOps organization, as in https://dev.azure.com/<organization>");
const project = name("Project name or id");
const repository = name("Repository name or id");
const version = {
  version: z.string().trim().min(1).max(256).optional().describe("Branch name, commit id or tag; the default branch when omitted"),
  versionType: z.enum(["branch", "commit", "tag"]).optional().describe("What `version` is (default: branch)"),
};
const text = z.string().trim().min(1).max(100_000).describe("The comment, in Markdown");

async function answer(tool: string, caller: AgentCaller, run: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    const result = await run();
    return { content: [{ type: "text", text: JSON.stringify(result, null, 2) }] };
  } catch (error) {
    if (error instanceof ToolRefusal || error instanceof AppError) {
      const refusal = toRefusal(error);
      return { isError: true, content: [{ type: "text", text: describeRefusal(refusal) }], structuredContent: { refusal: refusal.decoded } };
    }
    const correlationId = randomUUID();
    log.error("mcp.tool_failed", { tool, caller: caller.id, correlationId, error: error instanceof Error ? error.message : String(error) });
    return { isError: true, content: [{ type: "text", text: `The tool failed unexpectedly (correlation id ${correlationId}). Quote it to your TenantBridge administrator.` }] };
  }
}

export const MCP_TOOLS = [
  "list_connectors",
  "list_repository_tree",
  "read_repository_file",
  "get_work_item",
  "create_work_item",
  "comment_on_work_item",
  "list_pull_requests",
  "comment_on_pull_request",
  "run_kusto_query",
] as const;

export function createMcpServer(caller: AgentCaller): McpServer {
  const server = new McpServer(
    { name: "tenantbridge", version: "0.1.0" },
    { instructions: "Azure DevOps organizations and Kusto databases in other tenants, through the credentials TenantBridge keeps for each. Start with list_connectors." },
  );
  const readOnly = { readOnlyHint: true, openWorldHint: true } as const;
  const writes = { readOnlyHint: false, destructiveHint: false, openWorldHint: true } as const;

  server.registerTool(
    "list_connectors",
    {
      title: "List connectors and knowledge sources",
      description: "The Azure DevOps organizations and Kusto databases configured for the agent (with their method and status), and the knowledge sources (repositories) with what each is ready for.",
      inputSchema: {},
      annotations: readOnly,
    },
    () => answer("list_connectors", caller, () => tools.listConfigured(caller)),
  );
  server.registerTool(
    "list_repository_tree",
    {
      title: "List a repository's files",
      description: "Files and folders of a Git repository under a path, at a branch or commit.",
      inputSchema: {
        organization,
        project,
        repository,
        path: z.string().trim().min(1).max(1024).optional().describe("Folder to list (default: the root)"),
        recursive: z.boolean().optional().describe("Whole subtree (default) or one level"),
        ...version,
      },
      annotations: readOnly,
    },
    (input) => answer("list_repository_tree", caller, () => tools.listRepositoryTree(caller, input)),
  );
  server.registerTool(
    "read_repository_file",
    {
      title: "Read a file",
      description: "A file's text from a Git repository, at a branch or commit.",
      inputSchema: { organization, project, repository, path: z.string().trim().min(1).max(1024).describe("File path, e.g. /README.md"), ...version },
      annotations: readOnly,
    },
    (input) => answer("read_repository_file", caller, () => tools.readRepositoryFile(caller, input)),
  );
  server.registerTool(
    "get_work_item",
    {
      title: "Read a work item",
      description: "A work item's fields and its comments.",
      inputSchema: { organization, project, id: z.number().int().positive().describe("Work item id") },
      annotations: readOnly,
    },
    (input) => answer("get_work_item", caller, () => tools.getWorkItem(caller, input)),
  );
  server.registerTool(
    "create_work_item",
    {
      title: "Create a work item",
      description: "Creates a work item in an area path. Needs “Edit work items in this node” on that area.",
      inputSchema: {
        organization,
        project,
        type: z.string().trim().min(1).max(128).default("Task").describe("Work item type: Task, Bug, User Story, …"),
        title: z.string().trim().min(1).max(255).describe("Title"),
        areaPath: z.string().trim().min(1).max(4000).describe("Area path with backslashes, e.g. Payments\\Checkout"),
        description: z.string().max(100_000).optional().describe("Description (HTML or Markdown)"),
      },
      annotations: writes,
    },
    (input) => answer("create_work_item", caller, () => tools.createWorkItem(caller, input)),
  );
  server.registerTool(
    "comment_on_work_item",
    {
      title: "Comment on a work item",
      description: "Adds a comment to a work item. Needs “Edit work items in this node” on its area.",
      inputSchema: { organization, project, id: z.number().int().positive().describe("Work item id"), text },
      annotations: writes,
    },
    (input) => answer("comment_on_work_item", caller, () => tools.commentOnWorkItem(caller, input)),
  );
  server.registerTool(
    "list_pull_requests",
    {
      title: "List pull requests",
      description: "Pull requests of a repository (or of every repository in the project).",
      inputSchema: {
        organization,
        project,
        repository: repository.optional(),
        status: z.enum(["active", "completed", "abandoned", "all"]).optional().describe("Default: active"),
        top: z.number().int().min(1).max(200).optional(),
      },
      annotations: readOnly,
    },
    (input) => answer("list_pull_requests", caller, () => tools.listPullRequests(caller, input)),
  );
  server.registerTool(
    "comment_on_pull_request",
    {
      title: "Comment on a pull request",
      description: "Starts a new comment thread on a pull request. Needs “Contribute to pull requests” on the repository.",
      inputSchema: { organization, project, repository, pullRequestId: z.number().int().positive(), text },
      annotations: writes,
    },
    (input) => answer("comment_on_pull_request", caller, () => tools.commentOnPullRequest(caller, input)),
  );
  server.registerTool(
    "run_kusto_query",
    {
      title: "Run a KQL query",
      description: `Runs a read-only KQL query against a Kusto database (control commands are refused) and returns at most maxRows rows (default 100, at most ${tools.MAX_QUERY_ROWS}).`,
      inputSchema: {
        clusterUrl: z.string().trim().min(1).max(512).describe("Cluster URL, e.g. https://mycluster.westeurope.kusto.windows.net"),
        database: name("Database name"),
        query: z.string().trim().min(1).max(20_000).describe("KQL query"),
        maxRows: z.number().int().min(1).max(tools.MAX_QUERY_ROWS).optional(),
      },
      annotations: readOnly,
    },
    (input) => answer("run_kusto_query", caller, () => tools.runKustoQuery(caller, input)),
  );
  return server;
}
