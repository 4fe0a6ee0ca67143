// Azure resource connectors against the sandbox cloud (real @azure/identity and MSAL over HTTPS)
// and real databases: each resource's chain ends with its real call; seed 002's AuthorizationFailed
// names the object id to assign (the service principal in the target tenant) and passes once the
// role is moved there; the broker serves the connector by id and by resource, and never a draft.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, cloneWorld, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { ARM_IDS } from "@/sandbox/world/default/arm";
import { AGENT_IDENTITY, CONNECTOR_APP, KEY_VAULT, STORAGE_ACCOUNT, SUBSCRIPTION, TENANT } from "@/sandbox/world/default/ids";
import { getAccessToken } from "@/lib/server/broker/get-access-token";
import { DraftConnectorError } from "@/lib/server/broker/draft-connector-error";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { setDbForTests, type Db } from "@/lib/server/db/client";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import type { AzureResource } from "@/lib/schemas/azure-resource";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { JWT_PATTERN, miFic, usePortalEnvironment } from "./testing/chain-sandbox";
import { runChainTest } from "./run-check";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

const statuses = (run: ValidationRunDto) => run.checks.map((check) => `${check.key}:${check.status}`);
const operator = { id: "admin-oid", name: "Test admin" };

async function azureConnector(db: Db, azureResource: AzureResource, azureTarget: string | null, status = "unchecked"): Promise<string> {
  const row = await db.connector.create({
    data: { kind: "azure", displayName: `${azureResource} ${azureTarget ?? ""}`, azureResource, azureTarget, status, createdBy: "admin-oid", ...miFic(CONNECTOR_APP.appId, TENANT.litware) },
    select: { id: true },
  });
  return row.id;
}

for (const provider of testProviders) {
  describe(`Azure resource connectors on ${provider}`, () => {
    const t = useTestDb(provider);
    beforeAll(() => setDbForTests(t.current.db));
    beforeEach(async () => {
      await admin(sandbox, "POST", "/reset");
      await forgetBrokerTokens(t.current.db);
      await t.current.db.connector.deleteMany();
    });

    it("ARM: AuthorizationFailed names the service principal's object id in Litware, then passes once the role is moved to it", async () => {
      const { db } = t.current;
      const id = await azureConnector(db, "arm", SUBSCRIPTION.litware);
      const failed = await runChainTest(db, id, "manual", { operator });
      expect(statuses(failed)).toEqual(["mi-token:pass", "exchange:pass", "azure-call:fail"]);
      const call = failed.checks[2]!;
      expect(call.code).toBe("AuthorizationFailed");
      expect(call.title).toBe("No role for this identity in the target tenant");
      // The object id to assign: the service principal Litware knows, learnt from the token's oid.
      expect(call.cause).toContain(`the service principal of app ${CONNECTOR_APP.appId} in tenant ${TENANT.litware} (object id ${CONNECTOR_APP.spLitware})`);
      expect(call.cause).toContain(`the managed identity's principal id ${AGENT_IDENTITY.principalId}`);
      expect(call.fix).toContain(`--assignee-object-id ${CONNECTOR_APP.spLitware}`);
      expect(call.expected).toContain(CONNECTOR_APP.spLitware);
      expect(call.raw).toContain(`with object id '${CONNECTOR_APP.spLitware}'`);

      // Litware's admin moves the Reader role from the home tenant's object id to the service principal in Litware.
      const world = cloneWorld(sandbox);
      const subscription = world.arm.subscriptions.find((candidate) => candidate.subscriptionId === SUBSCRIPTION.litware)!;
      const mistaken = subscription.roleAssignments.find((assignment) => assignment.name === ARM_IDS.connectorHomeSpReader)!;
      mistaken.principalId = CONNECTOR_APP.spLitware;
      expect((await admin(sandbox, "PUT", "/world", world)).status).toBe(200);

      const passed = await runChainTest(db, id, "manual", { operator });
      expect(statuses(passed)).toEqual(["mi-token:pass", "exchange:pass", "azure-call:pass"]);
      expect(passed.checks[2]!.detail).toContain("Resource groups it can read: 3 (payments-prod-rg, payments-staging-rg, telemetry-rg)");
      expect((await db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("healthy");
      expect(JSON.stringify([failed, passed])).not.toMatch(JWT_PATTERN);
    });

    it("Storage, Graph and Key Vault: each chain ends with its real call", async () => {
      const { db } = t.current;
      const storage = await runChainTest(db, await azureConnector(db, "storage", STORAGE_ACCOUNT.litware), "manual", { operator });
      expect(statuses(storage)).toEqual(["mi-token:pass", "exchange:pass", "azure-call:pass"]);
      expect(storage.checks[1]!.detail).toContain("Token for https://storage.azure.com");
      expect(storage.checks[2]!.detail).toContain("Blob containers it can list: 3 (exports, invoices, telemetry-archive)");

      const graph = await runChainTest(db, await azureConnector(db, "graph", null), "manual", { operator });
      expect(statuses(graph)).toEqual(["mi-token:pass", "exchange:pass", "azure-call:pass"]);
      expect(graph.checks[2]!.detail).toContain(`Organization: Litware`);
      expect(graph.checks[2]!.detail).toContain(TENANT.litware);

      const vault = await runChainTest(db, await azureConnector(db, "keyvault", KEY_VAULT.litware), "manual", { operator });
      expect(statuses(vault)).toEqual(["mi-token:pass", "exchange:pass", "azure-call:pass"]);
      expect(vault.checks[2]!.detail).toContain("Secret names it can list: 2 (payments-api-key, smtp-password)");
    });

    it("Storage without a data role: the fix names Storage Blob Data Reader for the caller's object id", async () => {
      const { db } = t.current;
      const world = cloneWorld(sandbox);
      const subscription = world.arm.subscriptions.find((candidate) => candidate.subscriptionId === SUBSCRIPTION.litware)!;
      subscription.roleAssignments = subscription.roleAssignments.filter((assignment) => assignment.name !== ARM_IDS.connectorBlobReader);
      expect((await admin(sandbox, "PUT", "/world", world)).status).toBe(200);
      const run = await runChainTest(db, await azureConnector(db, "storage", STORAGE_ACCOUNT.litware), "manual", { operator });
      const call = run.checks[2]!;
      expect(call).toMatchObject({ status: "fail", code: "AuthorizationPermissionMismatch" });
      expect(call.fix).toContain(`Storage Blob Data Reader on the storage account ${STORAGE_ACCOUNT.litware}`);
      expect(call.fix).toContain(CONNECTOR_APP.spLitware);
    });

    it("the broker serves the connector by id and by resource, and refuses a draft naming what is missing", async () => {
      const { db } = t.current;
      const id = await azureConnector(db, "keyvault", KEY_VAULT.litware);
      const byId = await getAccessToken({ connectorId: id }, { db });
      expect(byId.authorization).toMatch(/^Bearer /);
      const byResource = await getAccessToken({ azureResource: "keyvault", azureTarget: "LITWARE-KV" }, { db });
      expect(byResource.authorization).toBe(byId.authorization);
      const secrets = await fetch(`${sandbox.origin}/keyvault/${KEY_VAULT.litware}/secrets?api-version=7.4`, { headers: { authorization: byId.authorization } });
      expect(secrets.status).toBe(200);

      const draft = await azureConnector(db, "storage", STORAGE_ACCOUNT.litware, "draft");
      await db.connector.update({ where: { id: draft }, data: { draftMissing: "No Storage Blob Data role for this identity: assign Storage Blob Data Reader." } });
      const refused = await getAccessToken({ connectorId: draft }, { db }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DraftConnectorError);
      expect((refused as DraftConnectorError).code).toBe("misconfigured");
      expect((refused as DraftConnectorError).message).toContain("is a draft and is not used: No Storage Blob Data role");
    });
  });
}
