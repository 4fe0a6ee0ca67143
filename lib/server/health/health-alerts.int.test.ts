// Scheduled re-validation and alerts against the sandbox cloud and real SQLite and PostgreSQL
// databases: a working Litware connector turns failing when the world changes (its service
// principal leaves the project's Readers, a PAT expires, the federated credential's subject is
// edited), the failing hop, cause and fix are recorded, a local webhook receives a signed event,
// and after the repair the connector recovers and a recovery event is sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, cloneWorld, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { ADO_PATS } from "@/sandbox/world/default/ado";
import { CONNECTOR_APP, TENANT } from "@/sandbox/world/default/ids";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { adoConnector, JWT_PATTERN, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import { setDbForTests } from "@/lib/server/db/client";
import { createAlertDispatcher } from "@/lib/server/alerts/alert-dispatcher";
import { createScheduler, type Scheduler } from "@/lib/server/scheduler/scheduler";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import type { WebhookPayload } from "@/lib/server/alerts/webhook-payload";
import { startWebhookReceiver, webhookRejection, type WebhookReceiver } from "./testing/webhook-receiver";
import { checksOf } from "@/lib/server/pipeline/stored-checks";

const SECRET = "whsec_aGVhbHRoLXRlc3Qtd2ViaG9vay1zZWNyZXQtMzI=";
const INTERVAL_S = 60;

let sandbox: RunningSandbox;
let receiver: WebhookReceiver;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  process.env.TB_LOG_LEVEL = "warn";
  usePortalEnvironment(sandbox);
  receiver = await startWebhookReceiver(SECRET);
});
afterAll(async () => {
  await receiver?.close();
  await sandbox?.stop();
});

for (const provider of testProviders) {
  describe(`health alerts on ${provider}`, () => {
    const t = useTestDb(provider);
    let scheduler: Scheduler;
    // The scheduler's clock: each round is one interval after the previous one.
    let clock = 0;
    const round = () => {
      clock += INTERVAL_S * 1000;
      return scheduler.tick(new Date(clock));
    };

    beforeAll(() => setDbForTests(t.current.db));
    beforeEach(async () => {
      await admin(sandbox, "POST", "/reset");
      await forgetBrokerTokens(t.current.db);
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

    const latestChecks = async (connectorId: string) => checksOf((await t.current.db.validationRun.findFirstOrThrow({ where: { connectorId }, orderBy: { startedAt: "desc" } })).checks);

    const status = async (connectorId: string) => (await t.current.db.connector.findUniqueOrThrow({ where: { id: connectorId } })).status;

    /** The next webhook request, verified as a receiver would, with its parsed body. */
    const nextEvent = async (index: number) => {
      const [webhook] = (await receiver.waitFor(index + 1)).slice(index);
      expect(webhook!.rejection).toBeNull();
      expect(webhookRejection(webhook!, `whsec_${Buffer.alloc(32, 1).toString("base64")}`)).toBe("No matching signature found");
      expect(Number(webhook!.headers["webhook-timestamp"])).toBeGreaterThan(Date.now() / 1000 - 60);
      expect(webhook!.body).not.toMatch(JWT_PATTERN);
      return { payload: JSON.parse(webhook!.body) as WebhookPayload, webhook: webhook! };
    };

    it("alerts when Litware's service principal leaves the project's Readers, and announces the recovery", async () => {
      const { db } = t.current;
      const id = await adoConnector(db, "litware");
      await round();
      expect(await status(id)).toBe("healthy");
      expect(await db.alertEvent.count()).toBe(0); // a first healthy result is not a recovery

      const world = cloneWorld(sandbox);
      const project = world.ado.organizations.find((org) => org.name === "litware")!.projects[0]!;
      project.groups.readers = project.groups.readers.filter((member) => member !== CONNECTOR_APP.spLitware);
      sandbox.loadWorld(world);
      await round();
      expect(await status(id)).toBe("failing");
      const failed = (await latestChecks(id)).find((check) => check.status === "fail")!;
      expect(failed).toMatchObject({ key: "ado-call", code: "no_projects" });
      expect(failed.fix).toContain("Readers");

      const { payload, webhook } = await nextEvent(0);
      expect(webhook.headers["x-tenantbridge-event"]).toBe("connector.failing");
      expect(payload).toMatchObject({
        type: "connector.failing",
        connector: { id, name: "litware", organization: "litware", method: "mi_fic", kind: "ado" },
        from: "healthy",
        to: "failing",
        check: { key: "ado-call", code: "no_projects", title: failed.title, fix: failed.fix },
      });
      expect(webhook.headers["webhook-id"]).toBe(payload.id);
      expect((await db.alertEvent.findUniqueOrThrow({ where: { id: payload.id } })).deliveryStatus).toBe("delivered");

      // Still failing next round: no second alert.
      await round();
      expect(await db.alertEvent.count()).toBe(1);

      await admin(sandbox, "POST", "/reset");
      await round();
      expect(await status(id)).toBe("healthy");
      const recovery = await nextEvent(1);
      expect(recovery.payload).toMatchObject({ type: "connector.recovered", from: "failing", to: "healthy", check: null, connector: { id } });
      expect(recovery.payload.summary).toMatch(/recovered/);
      expect(receiver.received).toHaveLength(2);
    });

    it("alerts when a PAT expires, with the hop and fix, and recovers when it is valid again", async () => {
      const { db } = t.current;
      const id = await adoConnector(db, "litware", { authMethod: "pat" });
      await setPat(db, id, { pat: ADO_PATS.devCodeAndWork, expiresAt: new Date("2099-01-01") });
      await round();
      expect(await status(id)).toBe("healthy");

      const world = cloneWorld(sandbox);
      const pat = world.ado.organizations.find((org) => org.name === "litware")!.pats.find((candidate) => candidate.token === ADO_PATS.devCodeAndWork)!;
      pat.validTo = "2024-01-01T00:00:00Z";
      sandbox.loadWorld(world);
      await round();
      expect(await status(id)).toBe("failing");
      const failed = (await latestChecks(id)).find((check) => check.status === "fail")!;
      expect(failed.key).toBe("ado-call");
      expect(failed.code).toBe("TF400813"); // Azure DevOps refuses an expired PAT as unauthorized
      const { payload, webhook } = await nextEvent(0);
      expect(payload).toMatchObject({ type: "connector.failing", connector: { method: "pat" }, check: { key: "ado-call", code: "TF400813" } });
      expect(webhook.body).not.toContain(ADO_PATS.devCodeAndWork);

      await admin(sandbox, "POST", "/reset");
      await round();
      expect((await nextEvent(1)).payload).toMatchObject({ type: "connector.recovered", connector: { id, method: "pat" } });
    });

    it("alerts with AADSTS700213 when the federated credential's subject is edited, and recovers when it is put back", async () => {
      const { db } = t.current;
      // Tokens shorter-lived than the broker's 5-minute renewal margin are not cached, so each
      // round exchanges again, as happens once a cached token reaches its renewal time.
      await admin(sandbox, "PUT", "/token-lifetimes", { accessTokenSeconds: 240 });
      const id = await adoConnector(db, "litware");
      await round();
      expect(await status(id)).toBe("healthy");

      const world = cloneWorld(sandbox);
      const app = world.applications.find((candidate) => candidate.appId === CONNECTOR_APP.appId)!;
      app.federatedIdentityCredentials[0]!.subject = "00000000-0000-4000-8000-00000000dead";
      sandbox.loadWorld(world);
      await round();
      expect(await status(id)).toBe("failing");
      const checks = await latestChecks(id);
      expect(checks.map((check) => `${check.key}:${check.status}`)).toEqual(["exchange:fail", "ado-call:skipped"]);
      expect(checks[0]!.code).toBe("AADSTS700213");
      const { payload } = await nextEvent(0);
      expect(payload.check).toMatchObject({ key: "exchange", code: "AADSTS700213" });
      expect(payload.check?.fix).toBeTruthy();
      expect(payload.connector).toMatchObject({ organization: "litware", method: "mi_fic" });

      await admin(sandbox, "POST", "/reset");
      await admin(sandbox, "PUT", "/token-lifetimes", { accessTokenSeconds: 240 });
      await round();
      expect(await status(id)).toBe("healthy");
      expect((await nextEvent(1)).payload.type).toBe("connector.recovered");
      expect(await db.validationRun.count({ where: { connectorId: id, trigger: "schedule" } })).toBe(3);
    });

    it("announces a failure found outside the scheduler (a manual test) on the next tick, once", async () => {
      const { db } = t.current;
      const id = await adoConnector(db, "fabrikam", { authMethod: "mi_fic", agentTenantId: TENANT.contoso, appClientId: CONNECTOR_APP.appId, targetTenantId: TENANT.fabrikam });
      await db.connector.update({ where: { id }, data: { status: "failing", nextCheckAt: new Date(clock + 3600_000) } });
      await Promise.all([round(), round()]);
      expect(await db.alertEvent.count({ where: { connectorId: id } })).toBe(1);
      expect((await nextEvent(0)).payload).toMatchObject({ type: "connector.failing", from: "unchecked" });
    });
  });
}
