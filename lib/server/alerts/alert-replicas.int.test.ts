// Two replicas on one PostgreSQL (two Prisma clients, two dispatchers) deliver alert webhooks to
// one receiver: each event reaches it once, even when the second replica's clock runs ahead of
// the first one's and the receiver is slow, which is when a time-based claim alone would hand an
// attempt still being sent to the other replica.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/server/db/client";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/server/health/testing/webhook-receiver";
import { loadSettings } from "@/lib/server/settings";
import { useTestDb } from "@/lib/testing/test-db";
import { createAlertDispatcher } from "./alert-dispatcher";
import { announceStatusChange } from "./announce-status-change";
import { webhookTargetFrom } from "./webhook-target";

const SECRET = "whsec_cmVwbGljYXMtdGVzdC1zZWNyZXQtdmFsdWUtMzItYg==";
const EVENTS = 3;
const TIMEOUT_MS = 2000;

describe("alert delivery by two replicas on one PostgreSQL", () => {
  const t = useTestDb("postgresql");
  let second: Db;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    process.env.TB_LOG_LEVEL = "error";
    second = createDb(t.current.database);
    receiver = await startWebhookReceiver(SECRET);
  });
  afterAll(async () => {
    await receiver?.close();
    await second?.$disconnect();
  });

  it("delivers each event once though one replica's clock is 30 s ahead", async () => {
    const { db } = t.current;
    const ids: string[] = [];
    for (let index = 0; index < EVENTS; index++) {
      const connector = await db.connector.create({ data: { kind: "ado", displayName: `Replica ${index}`, authMethod: "pat", status: "failing", createdBy: "test" } });
      await db.connectorAlertState.create({ data: { connectorId: connector.id, status: "healthy" } });
      ids.push((await announceStatusChange(db, connector.id, { webhookConfigured: true }))!);
    }
    const env = { NODE_ENV: "test", TB_SANDBOX: "1", TB_ALERT_WEBHOOK_ALLOW_LOOPBACK: "1", TB_ALERT_WEBHOOK_URL: receiver.url, TB_ALERT_WEBHOOK_SECRET: SECRET } as const;
    const target = webhookTargetFrom(loadSettings(env))!;
    receiver.answerAfter(1500);

    const replicaA = createAlertDispatcher(db, { target, timeoutMs: TIMEOUT_MS });
    const replicaB = createAlertDispatcher(second, { target, timeoutMs: TIMEOUT_MS, now: () => new Date(Date.now() + 30_000) });
    try {
      const passA = replicaA.kick();
      await receiver.waitFor(EVENTS); // A is sending every event now
      await Promise.all([passA, replicaB.kick()]);
      await new Promise((resolve) => setTimeout(resolve, 500));

      const perEvent = new Map<string, number>();
      for (const webhook of receiver.received) perEvent.set(String(webhook.headers["webhook-id"]), (perEvent.get(String(webhook.headers["webhook-id"])) ?? 0) + 1);
      expect(Object.fromEntries(perEvent)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
      const rows = await db.alertEvent.findMany({ select: { deliveryStatus: true, attempts: true } });
      expect(rows).toEqual(Array.from({ length: EVENTS }, () => ({ deliveryStatus: "delivered", attempts: 1 })));
    } finally {
      replicaA.stop();
      replicaB.stop();
    }
  });
});
