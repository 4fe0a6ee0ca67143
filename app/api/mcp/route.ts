// The agent's MCP server over Streamable HTTP, stateless: each POST is answered by a server built
// for its caller (an agent identity or an API token; see lib/server/mcp/mcp-auth.ts). GET (a standalone event
// stream) and DELETE (ending a session) have nothing to do without sessions: Next.js answers 405.
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { publicRoute } from "@/lib/server/http/api-route";
import { authenticateMcpRequest } from "@/lib/server/mcp/mcp-auth";
import { createMcpServer } from "@/lib/server/mcp/mcp-server";

export const dynamic = "force-dynamic";

export const POST = publicRoute({}, async ({ request }) => {
  const caller = await authenticateMcpRequest(request);
  const server = createMcpServer(caller);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  const response = await transport.handleRequest(request);
  // JSON answers are complete here; the server and transport end with the request.
  void server.close();
  return response;
});
