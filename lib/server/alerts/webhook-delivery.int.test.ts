// Webhook delivery against a local HTTP receiver and a real SQLite database: retries with
// exponential backoff after 500s, the same body and id on every attempt, each signed as Standard
// Webhooks specifies and verified by the receiver with the standardwebhooks package, a bounded
// number of attempts, redirects that are never followed, and the address policy applied after DNS:
// loopback is refused unless TB_ALERT_WEBHOOK_ALLOW_LOOPBACK=1 (with TB_SANDBOX=1) allows it.
// A test DNS resolver stands in for a DNS server that answers what the test needs.
import type { LookupAddress } from "node:dns";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useTestDb } from "@/lib/testing/test-db";
import { loadSettings } from "@/lib/server/settings";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/server/health/testing/webhook-receiver";
import { createAlertDispatcher } from "./alert-dispatcher";
import { announceStatusChange } from "./announce-status-change";
import type { ResolveHost } from "./post-webhook";
import { webhookTargetFrom, type WebhookTarget } from "./webhook-target";

const SECRET = "whsec_ZGVsaXZlcnktdGVzdC1zZWNyZXQtdmFsdWUtMzI=";
const BACKOFF_MS = 60;

/** The target as the portal builds it from its environment, with the sandbox's loopback opt-in. */
function optedInTarget(url: string): WebhookTarget {
  const env = { NODE_ENV: "test", TB_SANDBOX: "1", TB_ALERT_WEBHOOK_ALLOW_LOOPBACK: "1", TB_ALERT_WEBHOOK_URL: url, TB_ALERT_WEBHOOK_SECRET: SECRET } as const;
  return webhookTargetFrom(loadSettings(env))!;
}

const answers =
  (...addresses: string[]): ResolveHost =>
  () =>
    Promise.resolve(addresses.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 })));

describe("alert webhook delivery", () => {
  const t = useTestDb("sqlite");
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    process.env.TB_LOG_LEVEL = "error";
    receiver = await startWebhookReceiver(SECRET);
  });
  afterAll(async () => {
    await receiver?.close();
  });
  beforeEach(async () => {
    receiver.clear();
    await t.current.db.alertEvent.deleteMany();
    await t.current.db.connectorAlertState.deleteMany();
    await t.current.db.connector.deleteMany();
  });

  /** A connector that was healthy and is now failing, announced: one pending event. */
  async function pendingEvent(): Promise<string> {
    const { db } = t.current;
    const connector = await db.connector.create({ data: { kind: "ado", displayName: "Litware", authMethod: "pat", status: "failing", createdBy: "test" } });
    await db.connectorAlertState.create({ data: { connectorId: connector.id, status: "healthy" } });
    const id = await announceStatusChange(db, connector.id, { webhookConfigured: true });
    expect(id).not.toBeNull();
    return id!;
  }

  const dispatcher = (maxAttempts = 5, target = optedInTarget(receiver.url), resolve?: ResolveHost) =>
    createAlertDispatcher(t.current.db, { target, backoffBaseMs: BACKOFF_MS, maxAttempts, timeoutMs: 2000, resolve });

  /** Delivers one pending event in a single attempt and returns it as stored. */
  async function deliverOnce(target: WebhookTarget, resolve?: ResolveHost) {
    const id = await pendingEvent();
    const sender = dispatcher(1, target, resolve);
    await sender.kick();
    sender.stop();
    return t.current.db.alertEvent.findUniqueOrThrow({ where: { id } });
  }

  it("retries after 500s with growing waits and delivers the same signed body", async () => {
    const id = await pendingEvent();
    receiver.answerWith([500, 500, 503]);
    const sender = dispatcher();
    await sender.kick();
    const attempts = await receiver.waitFor(4, 5000);
    await expect.poll(async () => (await t.current.db.alertEvent.findUniqueOrThrow({ where: { id } })).deliveryStatus).toBe("delivered");
    sender.stop();

    expect(new Set(attempts.map((attempt) => attempt.body)).size).toBe(1);
    expect(new Set(attempts.map((attempt) => attempt.headers["webhook-id"]))).toEqual(new Set([id]));
    for (const attempt of attempts) expect(attempt).toMatchObject({ verified: true, rejection: null });
    const gaps = attempts.slice(1).map((attempt, index) => attempt.at - attempts[index]!.at);
    // 60, 120, 240 ms (timers may fire a little late, never early).
    gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(BACKOFF_MS * 2 ** index - 5));
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
    const stored = await t.current.db.alertEvent.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ attempts: 4, lastError: null });
  });

  it("gives up after the last attempt and says why", async () => {
    const id = await pendingEvent();
    receiver.answerWith([500, 500, 500]);
    const sender = dispatcher(3);
    await sender.kick();
    await receiver.waitFor(3, 5000);
    await expect.poll(async () => (await t.current.db.alertEvent.findUniqueOrThrow({ where: { id } })).deliveryStatus).toBe("failed");
    sender.stop();
    const stored = await t.current.db.alertEvent.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ attempts: 3, nextAttemptAt: null, lastError: "The webhook answered 500." });
    await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS * 8));
    expect(receiver.received).toHaveLength(3);
  });

  it("does not follow a redirect", async () => {
    const id = await pendingEvent();
    receiver.answerWith([302]);
    const sender = dispatcher(1);
    await sender.kick();
    sender.stop();
    expect(receiver.received.map((request) => request.path)).toEqual(["/hooks/tenantbridge"]);
    const stored = await t.current.db.alertEvent.findUniqueOrThrow({ where: { id } });
    expect(stored.deliveryStatus).toBe("failed");
    expect(stored.lastError).toMatch(/redirect/);
  });

  describe("signatures", () => {
    afterEach(() => vi.useRealTimers());

    it("lets the receiver refuse a captured delivery replayed later, or altered", async () => {
      await deliverOnce(optedInTarget(receiver.url));
      const [captured] = await receiver.waitFor(1);
      expect(captured!.verified).toBe(true);
      const replay = (headers: Record<string, string>, body = captured!.body) => fetch(receiver.url, { method: "POST", headers, body });
      const signed = {
        "content-type": "application/json",
        "webhook-id": String(captured!.headers["webhook-id"]),
        "webhook-timestamp": String(captured!.headers["webhook-timestamp"]),
        "webhook-signature": String(captured!.headers["webhook-signature"]),
      };

      expect((await replay(signed, captured!.body.replace('"failing"', '"healthy"'))).status).toBe(401);
      expect((await replay({ ...signed, "webhook-id": "another-event" })).status).toBe(401);
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() + 6 * 60_000);
      expect((await replay(signed)).status).toBe(401);
      expect(receiver.received.slice(1).map((request) => request.rejection)).toEqual(["No matching signature found", "No matching signature found", "Message timestamp too old"]);
    });
  });

  describe("address policy at send time", () => {
    it("refuses loopback by default: the receiver hears nothing", async () => {
      const stored = await deliverOnce({ ...optedInTarget(receiver.url), policy: { allowLoopback: false } });
      expect(stored).toMatchObject({ deliveryStatus: "failed", lastError: "The webhook was not called: its address is 127.0.0.1 (loopback: this machine); alerts are only sent to public addresses." });
      expect(receiver.received).toHaveLength(0);
    });

    it("checks the address a host name resolves to: loopback refused by default, reached with the opt-in", async () => {
      const url = `http://alerts.webhook.test:${receiver.port}/hooks/tenantbridge`;
      const refused = await deliverOnce({ ...optedInTarget(receiver.url), url: new URL(url), policy: { allowLoopback: false } }, answers("127.0.0.1"));
      expect(refused.lastError).toBe("The webhook was not called: alerts.webhook.test resolves to 127.0.0.1 (loopback: this machine); alerts are only sent to public addresses.");
      expect(receiver.received).toHaveLength(0);

      // The name exists only in the test resolver, so reaching the receiver shows the socket
      // connected to the address the policy checked.
      const delivered = await deliverOnce({ ...optedInTarget(receiver.url), url: new URL(url) }, answers("127.0.0.1"));
      expect(delivered.deliveryStatus).toBe("delivered");
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]).toMatchObject({ verified: true, headers: { host: `alerts.webhook.test:${receiver.port}` } });
    });

    it("refuses a host whose answers mix public and private addresses", async () => {
      const url = new URL(`http://alerts.webhook.test:${receiver.port}/hooks/tenantbridge`);
      const stored = await deliverOnce({ ...optedInTarget(receiver.url), url }, answers("8.8.8.8", "10.1.2.3"));
      expect(stored.lastError).toMatch(/^The webhook was not called: alerts\.webhook\.test resolves to 10\.1\.2\.3 \(a private network\)/);
      expect(receiver.received).toHaveLength(0);
    });

    it("asks DNS once per attempt and connects to that answer, so a rebinding second answer is never used", async () => {
      const url = new URL(`http://alerts.webhook.test:${receiver.port}/hooks/tenantbridge`);
      let queries = 0;
      // A public address first, then this machine: what a rebinding DNS server does.
      const rebinding: ResolveHost = () => answers(queries++ === 0 ? "192.88.100.1" : "127.0.0.1")("alerts.webhook.test");
      const id = await pendingEvent();
      const sender = createAlertDispatcher(t.current.db, {
        target: { ...optedInTarget(receiver.url), url, policy: { allowLoopback: false } },
        maxAttempts: 1,
        timeoutMs: 500,
        resolve: rebinding,
      });
      await sender.kick();
      sender.stop();
      expect(queries).toBe(1);
      expect(receiver.received).toHaveLength(0);
      const stored = await t.current.db.alertEvent.findUniqueOrThrow({ where: { id } });
      expect(stored.deliveryStatus).toBe("failed");
      // Refused or unanswered by the public address, depending on this machine's network.
      expect(stored.lastError).toMatch(/192\.88\.100\.1|did not answer/);
    });
  });
});
