// Proved before used, through the connectors API against the sandbox cloud and real databases:
// saving a managed identity setup runs its chain test; a failing one is saved as a draft that
// says what is missing, the broker refuses it, and a passing test lifts the draft.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, cloneWorld } from "@/sandbox/testing/test-sandbox";
import { ARM_IDS } from "@/sandbox/world/default/arm";
import { AGENT_IDENTITY, CONNECTOR_APP, SUBSCRIPTION, TENANT, WRONG_SUBJECT_APP } from "@/sandbox/world/default/ids";
import { getAccessToken } from "@/lib/server/broker/get-access-token";
import { DraftConnectorError } from "@/lib/server/broker/draft-connector-error";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { resetChainTestRateLimit } from "@/lib/server/pipeline/chain-test-rate-limit";
import { usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import type { ConnectorDto } from "@/lib/schemas/connector";
import { POST as createRoute } from "./route";
import { PATCH as patchRoute } from "./[id]/route";
import { POST as testRoute } from "./[id]/test/route";

const sandbox = sandboxForFile(usePortalEnvironment);

let cookie = "";
const send = (method: string, url: string, body?: unknown) =>
  new Request(url, { method, headers: { "content-type": "application/json", cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const miFic = { agentTenantId: TENANT.contoso, miClientId: AGENT_IDENTITY.clientId, miPrincipalId: AGENT_IDENTITY.principalId, appClientId: CONNECTOR_APP.appId, targetTenantId: TENANT.litware };

for (const provider of testProviders) {
  describe(`proved before used on ${provider}`, () => {
    const t = useApiTestContext(provider, { sandbox, reset: [forgetBrokerTokens, resetChainTestRateLimit], tables: ["connector", "organization"] });
    beforeAll(() => {
      cookie = t.cookies.admin;
    });

    it("a failing Azure resource setup is saved as a draft naming the fix; the broker refuses it until a test passes", async () => {
      const response = await createRoute(send("POST", "http://localhost/api/connectors", { kind: "azure", azureResource: "arm", azureTarget: SUBSCRIPTION.litware, authMethod: "mi_fic", ...miFic }));
      expect(response.status).toBe(201);
      const created = (await response.json()) as ConnectorDto;
      expect(created.status).toBe("draft");
      expect(created.draftMissing).toContain("No role for this identity in the target tenant");
      expect(created.draftMissing).toContain(`--assignee-object-id ${CONNECTOR_APP.spLitware}`);
      const refused = await getAccessToken({ connectorId: created.id }, { db: t.current.db }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DraftConnectorError);
      expect((refused as Error).message).toContain("No role for this identity");
      const audit = await t.current.db.auditEvent.findFirst({ where: { action: "connector.saved_as_draft", targetId: created.id } });
      expect(audit?.summary).toContain("as a draft");

      // A failing test keeps it a draft; once Litware's admin moves the role, the test passes and lifts it.
      const again = (await (await testRoute(send("POST", `http://localhost/api/connectors/${created.id}/test`), params(created.id))).json()) as { outcome: string };
      expect(again.outcome).toBe("fail");
      expect((await t.current.db.connector.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("draft");
      const world = cloneWorld(sandbox);
      world.arm.subscriptions.find((s) => s.subscriptionId === SUBSCRIPTION.litware)!.roleAssignments.find((a) => a.name === ARM_IDS.connectorHomeSpReader)!.principalId = CONNECTOR_APP.spLitware;
      expect((await admin(sandbox, "PUT", "/world", world)).status).toBe(200);
      const passed = (await (await testRoute(send("POST", `http://localhost/api/connectors/${created.id}/test`), params(created.id))).json()) as { outcome: string };
      expect(passed.outcome).toBe("pass");
      expect(await t.current.db.connector.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ status: "healthy", draftMissing: null });
      expect((await getAccessToken({ connectorId: created.id }, { db: t.current.db })).authorization).toMatch(/^Bearer /);
    });

    it("saving a working MI + FIC setup proves it healthy; saving a broken one makes it a draft; missing settings are named without a test", async () => {
      const response = await createRoute(send("POST", "http://localhost/api/connectors", { kind: "ado", organization: "litware", authMethod: "mi_fic", ...miFic }));
      const created = (await response.json()) as ConnectorDto;
      expect(created).toMatchObject({ status: "healthy", draftMissing: null });

      const broken = await patchRoute(send("PATCH", `http://localhost/api/connectors/${created.id}`, { version: created.version, appClientId: WRONG_SUBJECT_APP.appId }), params(created.id));
      expect(broken.status).toBe(200);
      const draft = (await broken.json()) as ConnectorDto;
      expect(draft.status).toBe("draft");
      expect(draft.draftMissing).toContain("The federated credential's subject is not the identity's principal id");

      const empty = (await (await createRoute(send("POST", "http://localhost/api/connectors", { kind: "ado", organization: "fabrikam", authMethod: "mi_fic" }))).json()) as ConnectorDto;
      expect(empty.status).toBe("draft");
      // The target tenant is discovered from the organization; the app is still missing.
      expect(empty.draftMissing).toBe("Missing the multi-tenant app's client id: complete the managed identity + federated credential settings on the connector's page.");
      expect(await t.current.db.validationRun.count({ where: { connectorId: empty.id } })).toBe(0);

      const oauth = (await (await createRoute(send("POST", "http://localhost/api/connectors", { kind: "ado", organization: "contoso", authMethod: "oauth" }))).json()) as ConnectorDto;
      // Not proved (nothing to prove without a sign-in): "Not set up" for its own reason, not a draft that lacks something.
      expect(oauth).toMatchObject({ status: "draft", draftMissing: null, statusReason: { from: "setup", text: "Nobody has signed in to Azure DevOps for this connector yet." } });
    });
  });
}
