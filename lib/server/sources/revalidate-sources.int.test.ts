// Scheduled re-validation of saved knowledge sources against the sandbox cloud and real SQLite and
// PostgreSQL databases: a grant removed in Azure DevOps turns the source (and with it its
// connector) degraded on the next sweep, with the check and fix, an alert event and a signed
// webhook; after the repair the next sweep makes it ready again and says so. The sources of one
// connector are checked in one run per project and area path.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, cloneWorld, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { CONNECTOR_APP } from "@/sandbox/world/default/ids";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { adoConnector, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { createAlertDispatcher } from "@/lib/server/alerts/alert-dispatcher";
import type { WebhookPayload } from "@/lib/server/alerts/webhook-payload";
import { setDbForTests } from "@/lib/server/db/client";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/server/health/testing/webhook-receiver";
import { listHealth } from "@/lib/server/health/list-health";
import { resetValidationRateLimit } from "@/lib/server/rate-limit/validation-rate-limit";
import { createScheduler, type Scheduler } from "@/lib/server/scheduler/scheduler";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { grantAccess as grant } from "@/lib/server/auth/access";
import { createSource } from "./create-source";
import { listSources } from "./list-sources";

const SECRET = "whsec_aGVhbHRoLXRlc3Qtd2ViaG9vay1zZWNyZXQtMzI=";
const INTERVAL_S = 60;
const operator = { id: "admin-oid", name: "Test admin", role: "admin" as const };

let sandbox: RunningSandbox;
let receiver: WebhookReceiver;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  process.env.TB_LOG_LEVEL = "warn";
  process.env.TB_VALIDATION_BUDGET_MS = "6000";
  usePortalEnvironment(sandbox);
  receiver = await startWebhookReceiver(SECRET);
});
afterAll(async () => {
  await receiver?.close();
  await sandbox?.stop();
});

/** Takes PullRequestContribute on payments-api away from the connector's service principal, or gives it back. */
function setContribute(allowed: boolean) {
  const world = cloneWorld(sandbox);
  const payments = world.ado.organizations.find((org) => org.name === "litware")!.projects.find((project) => project.name === "Payments")!;
  const repository = payments.repositories.find((candidate) => candidate.name === "payments-api")!;
  repository.permissions = [{ principalId: CONNECTOR_APP.spLitware, allow: allowed ? ["PullRequestContribute"] : [], deny: allowed ? [] : ["PullRequestContribute"] }];
  sandbox.loadWorld(world);
}

for (const provider of testProviders) {
  describe(`scheduled re-validation of knowledge sources on ${provider}`, () => {
    const t = useTestDb(provider);
    let scheduler: Scheduler;
    let clock = 0;
    const round = () => {
      clock += INTERVAL_S * 1000;
      return scheduler.tick(new Date(clock));
    };

    beforeAll(() => setDbForTests(t.current.db));
    beforeEach(async () => {
      await admin(sandbox, "POST", "/reset");
      await forgetBrokerTokens(t.current.db);
      await resetValidationRateLimit(t.current.db);
      receiver.clear();
      const { db } = t.current;
      await db.alertEvent.deleteMany();
      await db.connectorAlertState.deleteMany();
      await db.connector.deleteMany();
      await db.organization.deleteMany();
      clock = Date.now() + 1000;
      scheduler = createScheduler(db, {
        intervalSeconds: INTERVAL_S,
        concurrency: 4,
        retentionDays: 30,
        dispatcher: createAlertDispatcher(db, { target: { url: new URL(receiver.url), secret: SECRET, policy: { allowLoopback: true } }, backoffBaseMs: 50 }),
      });
    });

    const health = async (id: string) => {
      const page = await listHealth(grant(operator, "health.read"), t.current.db, { page: 1 }, { intervalSeconds: INTERVAL_S });
      return page.rows.find((row) => row.id === id)!;
    };

    it("turns the source and its connector degraded when a grant is removed, alerts once, and recovers after the repair", async () => {
      const { db } = t.current;
      const connectorId = await adoConnector(db, "litware");
      const added = await createSource(db, operator, {
        connectorId,
        project: "Payments",
        repository: "payments-api",
        displayName: "Payments API",
        capabilities: ["read_code", "comment"],
        areaPath: "Payments\\Checkout",
      });
      expect(added.source.readiness.level).toBe("everything");
      await createSource(db, operator, { connectorId, project: "Payments", repository: "payments-web", displayName: "Payments web", capabilities: ["read_code"] });

      // A first sweep: the chain passes, both sources are re-checked in one run, nothing to announce.
      const runsBefore = await db.validationRun.count({ where: { connectorId, kind: "sources" } });
      expect((await round()).checked).toBe(1);
      expect(await db.validationRun.count({ where: { connectorId, kind: "sources", trigger: "schedule" } })).toBe(1);
      expect(await db.validationRun.count({ where: { connectorId, kind: "sources" } })).toBe(runsBefore + 1);
      expect((await getConnectorOrThrow(grant(operator, "connectors.read"), db, connectorId)).status).toBe("healthy");
      expect(await db.alertEvent.count({ where: { type: { startsWith: "source." } } })).toBe(0);

      // The grant is removed in Azure DevOps: the next sweep finds it.
      setContribute(false);
      await round();
      const sources = (await listSources(grant(operator, "sources.read"), db, { connectorId })).items;
      const api = sources.find((source) => source.repository === "payments-api")!;
      expect(api.readiness.level).toBe("read_code");
      const comment = api.readiness.capabilities.find((entry) => entry.capability === "comment")!;
      expect(comment.status).toBe("fail");
      expect(comment.missing[0]).toMatchObject({ key: "pull-request-contribute:payments-api" });
      expect(comment.missing[0]!.fix).toContain("Contribute to pull requests");
      expect(sources.find((source) => source.repository === "payments-web")!.readiness.level).toBe("everything");

      // Its connector says so, with the cause and fix, on its page and on /health (hops green, source apart).
      const connector = await getConnectorOrThrow(grant(operator, "connectors.read"), db, connectorId);
      expect(connector.status).toBe("degraded");
      expect(connector.statusReason).toMatchObject({ from: "sources" });
      expect(connector.statusReason!.text).toContain("Knowledge source 'Payments API' is not ready to comment on work items and pull requests");
      const row = await health(connectorId);
      expect(row.status).toBe("degraded");
      expect(row.checks.length).toBeGreaterThan(0);
      expect(row.checks.every((check) => check.status === "pass")).toBe(true);
      expect(row.checks.some((check) => check.key.startsWith("repository-read") || check.key === "project")).toBe(false);
      expect(row.sourcesProblem).toMatchObject({ count: 1, total: 2, sourceName: "Payments API" });
      expect((await db.connector.findUniqueOrThrow({ where: { id: connectorId } })).status).toBe("degraded");

      // One alert, with the check and its fix, on the dashboard and to the webhook.
      const degraded = await db.alertEvent.findMany({ where: { type: "source.degraded" } });
      expect(degraded).toHaveLength(1);
      expect(degraded[0]).toMatchObject({ sourceId: api.id, sourceName: "Payments API", checkKey: "pull-request-contribute:payments-api", fromStatus: "ready", toStatus: "degraded" });
      expect(degraded[0]!.fix).toContain("Contribute to pull requests");
      const [sent] = await receiver.waitFor(1);
      const payload = JSON.parse(sent!.body) as WebhookPayload;
      expect(payload).toMatchObject({ type: "source.degraded", source: { id: api.id, name: "Payments API" }, check: { key: "pull-request-contribute:payments-api" } });
      expect(payload.summary).toContain("Payments API");

      // Still missing on the next sweep: no second alert.
      await round();
      expect(await db.alertEvent.count({ where: { type: { startsWith: "source." } } })).toBe(1);

      // Repaired: ready again, the connector healthy, and a recovery.
      setContribute(true);
      await round();
      expect((await listSources(grant(operator, "sources.read"), db, { connectorId })).items.find((source) => source.id === api.id)!.readiness.level).toBe("everything");
      expect((await getConnectorOrThrow(grant(operator, "connectors.read"), db, connectorId)).status).toBe("healthy");
      expect((await health(connectorId)).sourcesProblem).toBeNull();
      const recovered = await db.alertEvent.findMany({ where: { type: "source.recovered" } });
      expect(recovered).toHaveLength(1);
      expect(recovered[0]).toMatchObject({ sourceId: api.id, fromStatus: "degraded", toStatus: "ready" });
      const webhooks = await receiver.waitFor(2);
      expect((JSON.parse(webhooks[1]!.body) as WebhookPayload).type).toBe("source.recovered");
    });

    it("leaves the sources alone when the connector's own check fails", async () => {
      const { db } = t.current;
      const connectorId = await adoConnector(db, "litware");
      await createSource(db, operator, { connectorId, project: "Payments", repository: "payments-api", displayName: "Payments API" });
      const before = await db.validationRun.count({ where: { connectorId, kind: "sources" } });
      await db.connector.update({ where: { id: connectorId }, data: { appClientId: "00000000-0000-0000-0000-00000000dead" } });
      await round();
      expect(await db.validationRun.count({ where: { connectorId, kind: "sources" } })).toBe(before);
      expect(await db.alertEvent.count({ where: { type: { startsWith: "source." } } })).toBe(0);
    });
  });
}
