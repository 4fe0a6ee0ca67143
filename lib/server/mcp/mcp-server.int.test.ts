// The agent's MCP server with the SDK's own client, over Streamable HTTP (the /api/mcp route on a
// real listener) and over stdio (`npm run mcp`'s script as a child process), against the sandbox
// cloud: it reads a Litware file, comments on a pull request, creates a work item in
// Payments\Checkout and queries Litware's Telemetry database through the connectors' MI + FIC
// credentials; refusals come back as tool errors with the cause and fix. Over HTTP the agent
// authenticates with an API token (tb_…, created as an administrator would) or as its registered
// agent identity (the real ManagedIdentityCredential against the sandbox's managed identity
// endpoint); a read-scope token cannot write and an identity only uses what it is assigned.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ManagedIdentityCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { AGENT_IDENTITY, CONNECTOR_APP, PORTAL_APP, TENANT } from "@/sandbox/world/default/ids";
import { createAgentIdentity } from "@/lib/server/agent/agent-identities";
import { createApiToken } from "@/lib/server/agent/api-tokens";
import { grantAccess } from "@/lib/server/auth/access";
import { getAccessToken } from "@/lib/server/broker/get-access-token";
import { adoConnector, JWT_PATTERN, kustoConnector, miFic, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { setDbForTests } from "@/lib/server/db/client";
import { startRouteServer, type RouteServer } from "@/lib/testing/route-server";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { POST as mcpRoute } from "@/app/api/mcp/route";
import { MCP_TOOLS } from "./mcp-server";

/** Write- and read-scope API tokens (tb_…), as an administrator creates them under Settings → Agent access. */
let AGENT_TOKEN = "";
let READ_TOKEN = "";
const ROOT = path.resolve(import.meta.dirname, "../../..");

let sandbox: RunningSandbox;
let portal: RouteServer;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
  process.env.TB_LOG_LEVEL = "error";
  portal = await startRouteServer({ "POST /api/mcp": mcpRoute });
});
afterAll(async () => {
  await portal?.stop();
  await sandbox?.stop();
  await disposeDb?.();
});

const t: { current: TestDb } = { current: undefined as unknown as TestDb };
let disposeDb: (() => Promise<void>) | undefined;
beforeAll(async () => {
  const created = await createTestDb("sqlite");
  t.current = created;
  disposeDb = created.dispose;
  setDbForTests(t.current.db);
  await adoConnector(t.current.db, "litware");
  await adoConnector(t.current.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
  await kustoConnector(t.current.db, sandbox, "Telemetry");
  const access = grantAccess({ id: "test-admin", name: "Test admin", role: "admin" }, "access.manage");
  AGENT_TOKEN = (await createApiToken(t.current.db, access, { name: "mcp-agent", scope: "write", expiresInDays: 1 })).token;
  READ_TOKEN = (await createApiToken(t.current.db, access, { name: "mcp-reader", scope: "read", expiresInDays: 1 })).token;
});

function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
}

type Connect = () => Promise<Client>;

/** What the stdio server wrote to stderr (its log): checked for tokens at the end. */
let stdioLog = "";

const transports: [string, Connect][] = [
  [
    "Streamable HTTP",
    async () => {
      const client = new Client({ name: "tenantbridge-test", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${portal.origin}/api/mcp`), { requestInit: { headers: { authorization: `Bearer ${AGENT_TOKEN}` } } }));
      return client;
    },
  ],
  [
    "stdio",
    async () => {
      const client = new Client({ name: "tenantbridge-test", version: "1.0.0" });
      const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
      const database = t.current.database;
      if (database.provider !== "sqlite") throw new Error("the stdio test uses the SQLite file");
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(ROOT, "scripts/mcp-stdio.ts")],
        cwd: ROOT,
        // The server's own log level: warnings and errors, as an operator would run it.
        env: { ...env, DATABASE_URL: `file:${database.file}`, TB_LOG_LEVEL: "info" },
        stderr: "pipe",
      });
      transport.stderr?.on("data", (chunk: Buffer) => (stdioLog += chunk.toString("utf8")));
      await client.connect(transport);
      return client;
    },
  ],
];

describe.each(transports)("the MCP server over %s", (transport, connect) => {
  let client: Client;
  beforeAll(async () => {
    client = await connect();
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    if (transport === "stdio") {
      expect(stdioLog).not.toMatch(JWT_PATTERN);
      expect(stdioLog).not.toContain("Bearer ");
      expect(stdioLog).not.toContain(AGENT_TOKEN);
    }
  });
  const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
  const litware = { organization: "litware", project: "Payments" };

  it("lists its tools with their input schemas", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...MCP_TOOLS].sort());
    expect(tools.find((tool) => tool.name === "create_work_item")?.inputSchema).toMatchObject({ type: "object", required: expect.arrayContaining(["organization", "project", "title", "areaPath"]) });
  });

  it("lists the connectors the agent can use", async () => {
    const result = await call("list_connectors", {});
    expect(result.isError).toBeFalsy();
    const listed = JSON.parse(textOf(result)) as { connectors: { organization?: string; database?: string; method: string }[] };
    expect(listed.connectors.map((connector) => connector.organization ?? connector.database).sort()).toEqual(["Telemetry", "fabrikam", "litware"]);
  });

  it("reads README.md from payments-api, and lists the tree at the same commit", async () => {
    const file = await call("read_repository_file", { ...litware, repository: "payments-api", path: "/README.md" });
    expect(file.isError).toBeFalsy();
    const { content, commitId } = JSON.parse(textOf(file)) as { content: string; commitId: string };
    expect(content).toContain("# payments-api");
    const tree = await call("list_repository_tree", { ...litware, repository: "payments-api", version: commitId, versionType: "commit" });
    expect(JSON.parse(textOf(tree))).toMatchObject({
      commitId,
      entries: expect.arrayContaining([
        { path: "/src/refunds.ts", type: "file" },
        { path: "/docs", type: "folder" },
      ]),
    });
  });

  it("comments on pull request 1, and the comment is in the sandbox's thread list", async () => {
    const text = `Reviewed over ${transport}: ${randomUUID()}`;
    const listed = await call("list_pull_requests", { ...litware, repository: "payments-api" });
    expect(JSON.parse(textOf(listed))).toMatchObject([{ id: 1, title: "Add idempotency keys to refunds", sourceBranch: "feature/refund-idempotency" }]);
    const result = await call("comment_on_pull_request", { ...litware, repository: "payments-api", pullRequestId: 1, text });
    expect(result.isError).toBeFalsy();
    const { authorization } = await getAccessToken({ organization: "litware" });
    const threads = (await (
      await fetch(`${sandbox.origin}/ado/litware/Payments/_apis/git/repositories/payments-api/pullRequests/1/threads?api-version=7.1`, { headers: { authorization } })
    ).json()) as { value: { comments: { content: string }[] }[] };
    expect(threads.value.flatMap((thread) => thread.comments.map((comment) => comment.content))).toContain(text);
    const audit = await t.current.db.auditEvent.findMany({ where: { action: "agent.pull_request_commented" }, orderBy: { at: "desc" } });
    // Over HTTP the audit log names the API token; over stdio, the local process.
    expect(audit[0]?.actorName).toEqual(transport === "stdio" ? expect.stringMatching(/^MCP over stdio/) : "API token 'mcp-agent'");
    expect(JSON.stringify(audit)).not.toMatch(JWT_PATTERN);
    expect(JSON.stringify(audit)).not.toContain(AGENT_TOKEN);
  });

  it("creates a work item in Payments\\Checkout, comments on it and reads it back", async () => {
    const title = `Investigate refunds (${transport})`;
    const created = await call("create_work_item", { ...litware, type: "Task", title, areaPath: "Payments\\Checkout" });
    expect(created.isError).toBeFalsy();
    const item = JSON.parse(textOf(created)) as { id: number; areaPath: string };
    expect(item.areaPath).toBe("Payments\\Checkout");
    expect((await call("comment_on_work_item", { ...litware, id: item.id, text: "First look: the idempotency store." })).isError).toBeFalsy();
    const read = JSON.parse(textOf(await call("get_work_item", { ...litware, id: item.id }))) as { title: string; comments: { text: string }[] };
    expect(read).toMatchObject({ title, comments: [{ text: "First look: the idempotency store." }] });
    const audit = await t.current.db.auditEvent.findMany({ where: { action: { in: ["agent.work_item_created", "agent.work_item_commented"] }, summary: { contains: String(item.id) } } });
    expect(audit.map((event) => event.action).sort()).toEqual(["agent.work_item_commented", "agent.work_item_created"]);
  });

  it("queries Litware's Telemetry database with a row cap, and refuses a control command", async () => {
    const clusterUrl = `${sandbox.origin}/kusto/litware`;
    const result = await call("run_kusto_query", { clusterUrl, database: "Telemetry", query: "Requests | project Name, ResultCode", maxRows: 2 });
    expect(result.isError).toBeFalsy();
    const answer = JSON.parse(textOf(result)) as { columns: { name: string }[]; rows: unknown[][]; truncated: boolean };
    expect(answer.columns.map((column) => column.name)).toEqual(["Name", "ResultCode"]);
    expect(answer.rows).toHaveLength(2);
    expect(answer.truncated).toBe(true);
    const command = await call("run_kusto_query", { clusterUrl, database: "Telemetry", query: ".drop table Requests" });
    expect(command.isError).toBe(true);
    expect(textOf(command)).toContain("Control commands");
  });

  it("refuses a work item in Payments\\Ledger with TF237111, the cause and where to grant it", async () => {
    const result = await call("create_work_item", { ...litware, type: "Task", title: "Not allowed here", areaPath: "Payments\\Ledger" });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain("TF237111");
    expect(text).toContain("Edit work items in this node");
    expect(text).toContain("Areas → Payments\\Ledger → Security");
    expect(text).not.toMatch(/\n\s+at /); // no stack
  });

  it("refuses a pull request comment on payments-web: Contribute to pull requests is denied", async () => {
    const result = await call("comment_on_pull_request", { ...litware, repository: "payments-web", pullRequestId: 2, text: "Looks good" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/TF401027[\s\S]*Contribute to pull requests[\s\S]*Repositories → payments-web → Security/);
  });

  it("refuses Treasury with TF200016: the identity cannot see the project by name", async () => {
    const result = await call("read_repository_file", { organization: "litware", project: "Treasury", repository: "treasury-core", path: "/README.md" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/TF200016/);
  });

  it("answers Fabrikam before consent with AADSTS700016 and the admin consent link", async () => {
    const result = await call("list_repository_tree", { organization: "fabrikam", project: "Storefront", repository: "storefront" });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain("AADSTS700016");
    expect(text).toContain(`${sandbox.origin}/${TENANT.fabrikam}/adminconsent?client_id=${CONNECTOR_APP.appId}`);
    expect(text).not.toMatch(JWT_PATTERN);
  });

  it("names the fix for an organization without a connector", async () => {
    const result = await call("list_pull_requests", { organization: "northwind", project: "Anything" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/No connector is configured for the Azure DevOps organization 'northwind'[\s\S]*Fix: Add one on the Connectors page/);
  });
});

describe("/api/mcp authentication", () => {
  const initialize = (authorization?: string) =>
    fetch(`${portal.origin}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "curl", version: "1" } } }),
    });

  it("refuses a request without a token, or with another token, with 401 and the reason", async () => {
    const cases: [string | undefined, RegExp][] = [
      [undefined, /Authorization: Bearer/],
      ["Bearer not-the-agent-token", /./],
      [`Bearer tb_${"x".repeat(43)}`, /The API token is not known/],
      [`Basic ${Buffer.from(`x:${AGENT_TOKEN}`).toString("base64")}`, /Authorization: Bearer/],
    ];
    for (const [authorization, message] of cases) {
      const response = await initialize(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="TenantBridge"/);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("unauthenticated");
      expect(body.error.message).toMatch(message);
    }
  });

  it("answers a tools/call without a session (stateless), as a one-line curl would send it", async () => {
    const response = await fetch(`${portal.origin}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${AGENT_TOKEN}` },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 7,
        method: "tools/call",
        params: { name: "read_repository_file", arguments: { organization: "litware", project: "Payments", repository: "payments-api", path: "/README.md" } },
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: number; result: CallToolResult };
    expect(body.id).toBe(7);
    expect(textOf(body.result)).toContain("# payments-api");
  });

  it("answers initialize for the agent's token", async () => {
    const response = await initialize(`Bearer ${AGENT_TOKEN}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ result: { serverInfo: { name: "tenantbridge" } } });
  });
});

describe("/api/mcp callers: scopes and assignments", () => {
  const connectOver = async (token: string) => {
    const client = new Client({ name: "tenantbridge-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${portal.origin}/api/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    return client;
  };
  const litwareFile = { organization: "litware", project: "Payments", repository: "payments-api", path: "/README.md" };

  it("lets a read-scope API token read, and answers a write with a tool error naming the scope", async () => {
    const client = await connectOver(READ_TOKEN);
    try {
      const read = (await client.callTool({ name: "read_repository_file", arguments: litwareFile })) as CallToolResult;
      expect(read.isError).toBeFalsy();
      const before = await t.current.db.auditEvent.count({ where: { action: "agent.work_item_created" } });
      const write = (await client.callTool({
        name: "create_work_item",
        arguments: { organization: "litware", project: "Payments", type: "Task", title: "Read scope", areaPath: "Payments\\Checkout" },
      })) as CallToolResult;
      expect(write.isError).toBe(true);
      expect(textOf(write)).toContain("API token 'mcp-reader' has the read scope and cannot create work items.");
      expect(textOf(write)).toContain("Fix: Use an API token with the write scope.");
      expect(await t.current.db.auditEvent.count({ where: { action: "agent.work_item_created" } })).toBe(before);
    } finally {
      await client.close();
    }
  });

  it("lets the registered agent identity use Litware, which it is assigned, and not Fabrikam", async () => {
    const access = grantAccess({ id: "test-admin", name: "Test admin", role: "admin" }, "access.manage");
    await createAgentIdentity(t.current.db, access, { tenantId: TENANT.contoso, principalId: AGENT_IDENTITY.principalId, displayName: "Contoso agent", assignments: [{ organization: "litware" }] });
    const { token } = await new ManagedIdentityCredential({ clientId: AGENT_IDENTITY.clientId }).getToken(`api://${PORTAL_APP.appId}/.default`);
    const client = await connectOver(token);
    try {
      const read = (await client.callTool({ name: "read_repository_file", arguments: litwareFile })) as CallToolResult;
      expect(read.isError, textOf(read)).toBeFalsy();
      expect(textOf(read)).toContain("# payments-api");
      const other = (await client.callTool({ name: "list_repository_tree", arguments: { organization: "fabrikam", project: "Storefront", repository: "storefront" } })) as CallToolResult;
      expect(other.isError).toBe(true);
      expect(textOf(other)).toContain("Agent identity 'Contoso agent' is not assigned the Azure DevOps organization 'fabrikam'.");
      expect(textOf(other)).toContain("Fix: An administrator assigns it under Settings → Agent access.");
      expect(textOf(other)).not.toMatch(JWT_PATTERN);
    } finally {
      await client.close();
    }
  });
});
