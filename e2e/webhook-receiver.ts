// A local endpoint for the portal's alert webhook during the e2e run. It keeps what it receives
// and hands it to specs (which run in other processes) at GET /received.
import http from "node:http";

/** The alert webhook's signing secret in the e2e run (a test value). */
export const E2E_WEBHOOK_SECRET = "e2e-webhook-signing-secret";

export type ReceivedWebhook = { headers: Record<string, string>; body: string };

export async function startWebhookReceiver(): Promise<{ url: string; receivedUrl: string; stop(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((request, response) => {
    if (request.method === "GET" && request.url === "/received") {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(received));
      return;
    }
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)]));
      received.push({ headers, body: Buffer.concat(chunks).toString("utf8") });
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://localhost:${port}/alerts`,
    receivedUrl: `http://localhost:${port}/received`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
