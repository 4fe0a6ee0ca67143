// The portal's route handlers on a real HTTP listener, for clients that cannot call a handler
// function: the MCP SDK's Streamable HTTP client, and git's credential helper (a child process)
// calling the agent token endpoint. Each request becomes a Fetch Request, as Next.js passes it.
import { createServer, type IncomingMessage, type Server } from "node:http";

export type Handler = (request: Request) => Promise<Response>;

export type RouteServer = { origin: string; stop(): Promise<void> };

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Serves `routes` ({ "POST /api/mcp": handler }) on 127.0.0.1 and a free port. */
export async function startRouteServer(routes: Record<string, Handler>): Promise<RouteServer> {
  let origin = "";
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", origin);
    const handler = routes[`${req.method} ${url.pathname}`];
    if (!handler) {
      res.writeHead(routes[`POST ${url.pathname}`] || routes[`GET ${url.pathname}`] ? 405 : 404).end();
      return;
    }
    const body = await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(url, { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body) });
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
