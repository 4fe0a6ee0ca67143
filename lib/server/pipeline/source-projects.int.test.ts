// The connector's chain test reaches the projects its knowledge sources use (sandbox cloud, real
// databases): a project the identity cannot see fails on the connector with ADO's code, naming
// the sources it blocks; without sources the hop is not part of the test.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { setDbForTests, type Db } from "@/lib/server/db/client";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { adoConnector, usePortalEnvironment } from "./testing/chain-sandbox";
import { runChainTest } from "./run-check";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

const operator = { id: "admin-oid", name: "Test admin" };

async function addSource(db: Db, connectorId: string, project: string, repository: string) {
  const connector = await db.connector.findUniqueOrThrow({ where: { id: connectorId }, select: { organizationId: true } });
  await db.knowledgeSource.create({ data: { connectorId, organizationId: connector.organizationId!, project, repository, displayName: `${project}/${repository}`, createdBy: "admin-oid" } });
}

for (const provider of testProviders) {
  describe(`projects in the chain test on ${provider}`, () => {
    const t = useTestDb(provider);
    beforeAll(() => setDbForTests(t.current.db));
    beforeEach(async () => {
      await admin(sandbox, "POST", "/reset");
      await forgetBrokerTokens(t.current.db);
      await t.current.db.connector.deleteMany();
      await t.current.db.organization.deleteMany();
    });

    it("fails on a project the identity cannot see, naming the sources that use it", async () => {
      const { db } = t.current;
      const id = await adoConnector(db, "litware");
      expect((await runChainTest(db, id, "manual", { operator })).checks.map((check) => check.key)).toEqual(["mi-token", "exchange", "ado-call"]);

      await addSource(db, id, "Payments", "payments-api");
      await addSource(db, id, "Payments", "payments-web");
      const passing = await runChainTest(db, id, "manual", { operator });
      expect(passing.checks.map((check) => `${check.key}:${check.status}`)).toEqual(["mi-token:pass", "exchange:pass", "ado-call:pass", "source-projects:pass"]);
      expect(passing.checks[3]!.detail).toBe("Payments: readable (2 sources)");

      await addSource(db, id, "Treasury", "treasury-core");
      const run = await runChainTest(db, id, "manual", { operator });
      const projects = run.checks[3]!;
      expect(run.outcome).toBe("fail");
      expect(projects).toMatchObject({ key: "source-projects", status: "fail", title: "The identity cannot see the project: Treasury" });
      expect(["VS800075", "TF200016"]).toContain(projects.code);
      expect(projects.cause).toContain("Project Treasury is used by the knowledge source “Treasury/treasury-core”.");
      expect(projects.fix).toContain("Readers");
      expect((await db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("failing");
    });
  });
}
