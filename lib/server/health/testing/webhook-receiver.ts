// A local HTTP server that receives alert webhooks in tests, the way an operator's endpoint
// would: it verifies each delivery with the standardwebhooks package (signature over id,
// timestamp and body; a timestamp more than five minutes off is refused) and answers 401 to one
// that fails, keeps each request's raw body, headers and verdict, and otherwise answers with the
// status the test scripts (500s first, a redirect, then 200).
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type ReceivedWebhook = { path: string; headers: IncomingHttpHeaders; body: string; at: number; verified: boolean; rejection: string | null };

export type WebhookReceiver = {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Answers for the next verified requests, in order; 200 once they run out. */
  answerWith(statuses: number[]): void;
  /** Answers every request this long after it arrived (a slow endpoint); 0 to answer at once. */
  answerAfter(delayMs: number): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  clear(): void;
  close(): Promise<void>;
};

/** What a receiver must do: Webhook.verify over the raw body; null when it passes, else why not. */
export function webhookRejection(webhook: Pick<ReceivedWebhook, "headers" | "body">, secret: string): string | null {
  const headers = Object.fromEntries(Object.entries(webhook.headers).map(([name, value]) => [name, String(value)]));
  try {
    new Webhook(secret).verify(webhook.body, headers);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let script: number[] = [];
  let delayMs = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const webhook = { path: request.url ?? "/", headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      const rejection = webhookRejection(webhook, secret);
      received.push({ ...webhook, verified: rejection === null, rejection });
      const status = rejection ? 401 : (script.shift() ?? 200);
      setTimeout(() => {
        response.writeHead(status, status >= 300 && status < 400 ? { location: "/elsewhere" } : {});
        response.end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/tenantbridge`,
    port,
    received,
    answerWith(statuses) {
      script = [...statuses];
    },
    answerAfter(ms) {
      delayMs = ms;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhook requests, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received.slice(0, count);
    },
    clear() {
      received.length = 0;
      script = [];
      delayMs = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
