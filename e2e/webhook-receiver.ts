// A local endpoint for the portal's alert webhook during the e2e run, verifying as an operator's
// receiver should: Webhook.verify from the standardwebhooks package over the raw body, which also
// refuses a timestamp more than five minutes old (a replay). A delivery that fails gets 401. It
// keeps what it receives, with the verdict, and hands it to specs (which run in other processes)
// at GET /received; POST /verify checks a delivery a spec replays or alters, without storing it.
import http from "node:http";
import { Webhook } from "standardwebhooks";

/** The alert webhook's signing secret in the e2e run (a test value), in the Standard Webhooks format. */
export const E2E_WEBHOOK_SECRET = "whsec_ZTJlLXdlYmhvb2stc2lnbmluZy1zZWNyZXQtMzJi";

export type ReceivedWebhook = { headers: Record<string, string>; body: string; rejection: string | null };

function rejection(headers: Record<string, string>, body: string): string | null {
  try {
    new Webhook(E2E_WEBHOOK_SECRET).verify(body, headers);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function startWebhookReceiver(): Promise<{ url: string; receivedUrl: string; verifyUrl: string; stop(): Promise<void> }> {
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
      const body = Buffer.concat(chunks).toString("utf8");
      const verdict = rejection(headers, body);
      if (request.url !== "/verify") received.push({ headers, body, rejection: verdict });
      response.statusCode = verdict ? 401 : 204;
      response.end(verdict ?? undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://localhost:${port}/alerts`,
    receivedUrl: `http://localhost:${port}/received`,
    verifyUrl: `http://localhost:${port}/verify`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
