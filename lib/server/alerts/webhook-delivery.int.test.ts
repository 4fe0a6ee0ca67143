// Webhook delivery against a local HTTP receiver and a real SQLite database: retries with
// exponential backoff after 500s, the same signed bytes on every attempt, a bounded number of
// attempts, and redirects that are never followed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDb } from "@/lib/testing/test-db";
import { hasValidSignature, startWebhookReceiver, type WebhookReceiver } from "@/lib/server/health/testing/webhook-receiver";
import { createAlertDispatcher } from "./alert-dispatcher";
import { announceStatusChange } from "./announce-status-change";

const SECRET = "delivery-test-secret-value";
const BACKOFF_MS = 60;

describe("alert webhook delivery", () => {
  const t = useTestDb("sqlite");
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    process.env.TB_LOG_LEVEL = "error";
    receiver = await startWebhookReceiver();
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

  const dispatcher = (maxAttempts = 5) =>
    createAlertDispatcher(t.current.db, { target: { url: new URL(receiver.url), secret: SECRET }, backoffBaseMs: BACKOFF_MS, maxAttempts, timeoutMs: 2000 });

  it("retries after 500s with growing waits and delivers the same signed body", async () => {
    const id = await pendingEvent();
    receiver.answerWith([500, 500, 503]);
    const sender = dispatcher();
    await sender.kick();
    const attempts = await receiver.waitFor(4, 5000);
    await expect.poll(async () => (await t.current.db.alertEvent.findUniqueOrThrow({ where: { id } })).deliveryStatus).toBe("delivered");
    sender.stop();

    expect(new Set(attempts.map((attempt) => attempt.body)).size).toBe(1);
    for (const attempt of attempts) expect(hasValidSignature(attempt, SECRET)).toBe(true);
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
});
