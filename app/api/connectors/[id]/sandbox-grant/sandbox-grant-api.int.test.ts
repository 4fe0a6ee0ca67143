// POST /api/connectors/[id]/sandbox-grant: the demo's "act as the target admin" action, against the
// sandbox cloud and real databases. Fabrikam's story ends in a passing chain test: admin consent
// (AADSTS700016 gone), then TF401444 until the action adds the app to the organization.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { CONNECTOR_APP, TENANT } from "@/sandbox/world/default/ids";
import type { World } from "@/sandbox/world/schema";
import { setDbForTests } from "@/lib/server/db/client";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { resetChainTestRateLimit } from "@/lib/server/pipeline/chain-test-rate-limit";
import { adoConnector, miFic, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { resetSettingsForTests } from "@/lib/server/settings";
import { sessionCookie } from "@/lib/testing/sessions";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { POST as testRoute } from "../test/route";
import { POST as grantRoute } from "./route";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

const base = "http://localhost/api/connectors";
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const grant = (id: string, cookie: string) => grantRoute(new Request(`${base}/${id}/sandbox-grant`, { method: "POST", headers: { cookie } }), params(id));
const chainTest = async (id: string, cookie: string) => {
  const response = await testRoute(new Request(`${base}/${id}/test`, { method: "POST", headers: { cookie } }), params(id));
  expect(response.status).toBe(200);
  const run = (await response.json()) as { run?: ValidationRunDto } & ValidationRunDto;
  return (run.run ?? run).checks.map((check) => `${check.key}:${check.status}${check.code && check.status !== "pass" ? `:${check.code}` : ""}`);
};

/** Fabrikam's administrator grants admin consent: the app gets a service principal there. */
async function consentInFabrikam() {
  const world = (await (await admin(sandbox, "GET", "/world")).json()) as World;
  world.servicePrincipals.push({
    id: "fab00000-5e00-4000-8000-0000000000d5",
    appId: CONNECTOR_APP.appId,
    tenantId: TENANT.fabrikam,
    displayName: "TenantBridge Connector",
    enabled: true,
    appRoleAssignments: [],
    delegatedGrants: [],
  });
  expect((await admin(sandbox, "PUT", "/world", world)).status).toBe(200);
}

for (const provider of testProviders) {
  describe(`sandbox grant API on ${provider}`, () => {
    const t = useTestDb(provider);
    let adminCookie = "";
    let readerCookie = "";
    beforeAll(async () => {
      setDbForTests(t.current.db);
      adminCookie = await sessionCookie(t.current.db, "admin");
      readerCookie = await sessionCookie(t.current.db, "reader");
    });
    beforeEach(async () => {
      await admin(sandbox, "POST", "/reset");
      await forgetBrokerTokens(t.current.db);
      await resetChainTestRateLimit(t.current.db);
      await t.current.db.auditEvent.deleteMany();
      await t.current.db.validationRun.deleteMany();
      await t.current.db.connector.deleteMany();
      await t.current.db.organization.deleteMany();
    });

    it("finishes Fabrikam's story: refused before consent, then TF401444, then the grant, then every hop passes", async () => {
      const id = await adoConnector(t.current.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));

      const early = await grant(id, adminCookie);
      expect(early.status).toBe(409);
      expect(JSON.stringify(await early.json())).toMatch(/admin consent/);

      await consentInFabrikam();
      expect(await chainTest(id, adminCookie)).toEqual(["mi-token:pass", "exchange:pass", "ado-call:fail:TF401444"]);

      expect((await grant(id, readerCookie)).status).toBe(403);
      const response = await grant(id, adminCookie);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        organization: "fabrikam",
        tenant: "Fabrikam",
        servicePrincipalId: "fab00000-5e00-4000-8000-0000000000d5",
        accessLevel: "basic",
        readerOf: ["Storefront"],
      });
      const audit = await t.current.db.auditEvent.findMany({ where: { action: "sandbox.ado_access_granted" } });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.summary).toContain("Sandbox: acted as Fabrikam's administrator");

      await forgetBrokerTokens(t.current.db);
      expect(await chainTest(id, adminCookie)).toEqual(["mi-token:pass", "exchange:pass", "ado-call:pass"]);
    });

    it("does not exist against real Azure (TB_SANDBOX unset, or Azure's endpoints)", async () => {
      const id = await adoConnector(t.current.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
      await consentInFabrikam();
      const saved = { sandbox: process.env.TB_SANDBOX, ado: process.env.TB_ADO_BASE_URL };
      try {
        process.env.TB_SANDBOX = "0";
        resetSettingsForTests();
        expect((await grant(id, adminCookie)).status).toBe(404);
        process.env.TB_SANDBOX = "1";
        process.env.TB_ADO_BASE_URL = "https://dev.azure.com";
        resetSettingsForTests();
        expect((await grant(id, adminCookie)).status).toBe(404);
      } finally {
        process.env.TB_SANDBOX = saved.sandbox;
        process.env.TB_ADO_BASE_URL = saved.ado;
        resetSettingsForTests();
      }
      expect(await t.current.db.auditEvent.count({ where: { action: "sandbox.ado_access_granted" } })).toBe(0);
      const world = (await (await admin(sandbox, "GET", "/world")).json()) as World;
      const fabrikam = world.ado.organizations.find((org) => org.name === "fabrikam")!;
      expect(fabrikam.members.map((member) => member.principalId)).not.toContain("fab00000-5e00-4000-8000-0000000000d5");
    });
  });
}
