// A local HTTP server that receives alert webhooks in tests, the way an operator's endpoint
// would: it keeps each request's raw body and headers and answers with the status the test
// scripts (500s first, a redirect, then 200).
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { path: string; headers: IncomingHttpHeaders; body: string; at: number };

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Answers for the next requests, in order; 200 once they run out. */
  answerWith(statuses: number[]): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  clear(): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let script: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "/", headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const status = script.shift() ?? 200;
      response.writeHead(status, status >= 300 && status < 400 ? { location: "/elsewhere" } : {});
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/tenantbridge`,
    received,
    answerWith(statuses) {
      script = [...statuses];
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
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a receiver must do: recompute the HMAC over the raw body and compare in constant time. */
export function hasValidSignature(webhook: ReceivedWebhook, secret: string): boolean {
  const header = webhook.headers["x-tenantbridge-signature"];
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(webhook.body).digest("hex"));
  const given = Buffer.from(header.slice("sha256=".length));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
