// POST /api/connectors/[id]/sandbox-grant: the demo's "act as the target admin" action, against the
// sandbox cloud and real databases. Fabrikam's story ends in a passing chain test: admin consent
// (AADSTS700016 gone), then TF401444 until the action adds the app to the organization.
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "@/sandbox/server";
import { ensureCertificates } from "@/sandbox/tls/certificates";
import { admin } from "@/sandbox/testing/test-sandbox";
import { CONNECTOR_APP, TENANT } from "@/sandbox/world/default/ids";
import type { World } from "@/sandbox/world/schema";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { resetChainTestRateLimit } from "@/lib/server/pipeline/chain-test-rate-limit";
import { adoConnector, miFic, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { resetSettingsForTests } from "@/lib/server/settings";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { freePort } from "@/lib/testing/postgres-cluster";
import { testProviders } from "@/lib/testing/test-db";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { POST as testRoute } from "../test/route";
import { POST as grantRoute } from "./route";

const sandbox = sandboxForFile(usePortalEnvironment);

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
    const t = useApiTestContext(provider, { sandbox, reset: [forgetBrokerTokens, resetChainTestRateLimit], tables: ["auditEvent", "validationRun", "connector", "organization"] });

    it("finishes Fabrikam's story: refused before consent, then TF401444, then the grant, then every hop passes", async () => {
      const id = await adoConnector(t.current.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));

      const early = await grant(id, t.cookies.admin);
      expect(early.status).toBe(409);
      expect(JSON.stringify(await early.json())).toMatch(/admin consent/);

      await consentInFabrikam();
      expect(await chainTest(id, t.cookies.admin)).toEqual(["mi-token:pass", "exchange:pass", "ado-call:fail:TF401444"]);

      expect((await grant(id, t.cookies.reader)).status).toBe(403);
      const response = await grant(id, t.cookies.admin);
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
      expect(await chainTest(id, t.cookies.admin)).toEqual(["mi-token:pass", "exchange:pass", "ado-call:pass"]);
    });

    it("does not exist against real Azure (TB_SANDBOX unset, or Azure's endpoints)", async () => {
      const id = await adoConnector(t.current.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
      await consentInFabrikam();
      const saved = { sandbox: process.env.TB_SANDBOX, ado: process.env.TB_ADO_BASE_URL };
      try {
        process.env.TB_SANDBOX = "0";
        resetSettingsForTests();
        expect((await grant(id, t.cookies.admin)).status).toBe(404);
        process.env.TB_SANDBOX = "1";
        process.env.TB_ADO_BASE_URL = "https://dev.azure.com";
        resetSettingsForTests();
        expect((await grant(id, t.cookies.admin)).status).toBe(404);
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

    it("answers 409 naming the organization when the sandbox's world has none by the connector's name; nothing is audited", async () => {
      const id = await adoConnector(t.current.db, "nosuchorg", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
      const response = await grant(id, t.cookies.admin);
      expect(response.status).toBe(409);
      const { error } = (await response.json()) as { error: { code: string; message: string; hint?: string } };
      expect(error).toMatchObject({ code: "conflict", message: "The sandbox has no Azure DevOps organization named nosuchorg." });
      expect(error.hint).toMatch(/one of the world's organizations/);
      expect(await t.current.db.auditEvent.count({ where: { action: "sandbox.ado_access_granted" } })).toBe(0);
    });

    it("says the sandbox could not be reached, with the fix, when nothing listens at its origin; nothing is audited", async () => {
      const id = await adoConnector(t.current.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
      const saved = process.env.TB_ADO_BASE_URL;
      let response: Response;
      try {
        process.env.TB_ADO_BASE_URL = `https://127.0.0.1:${await freePort()}/ado`;
        resetSettingsForTests();
        response = await grant(id, t.cookies.admin);
      } finally {
        process.env.TB_ADO_BASE_URL = saved;
        resetSettingsForTests();
      }
      expect(response.status).toBe(502);
      const { error } = (await response.json()) as { error: { code: string; message: string; hint?: string } };
      expect(error.code).toBe("upstream_failed");
      expect(error.message).toMatch(/^The sandbox cloud could not be reached/);
      expect(error.hint).toMatch(/npm run sandbox/);
      expect(await t.current.db.auditEvent.count({ where: { action: "sandbox.ado_access_granted" } })).toBe(0);
    });

    it("answers 502 with the fix, not a 500, when the sandbox's 200 is cut off mid-body; nothing is audited", async () => {
      const id = await adoConnector(t.current.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
      // A real HTTPS peer with the sandbox's certificate that promises a body and drops the
      // connection after its first bytes, as a starved or restarted sandbox can.
      const { keyPem, certPem } = ensureCertificates(DEFAULT_DATA_DIR);
      const cutOff = createHttpsServer({ key: keyPem, cert: certPem }, (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "400" });
        res.write('{"organization":"fabrikam","ten');
        setTimeout(() => res.destroy(), 50);
      });
      await new Promise<void>((resolve) => cutOff.listen(0, "127.0.0.1", resolve));
      const saved = process.env.TB_ADO_BASE_URL;
      let response: Response;
      try {
        process.env.TB_ADO_BASE_URL = `https://localhost:${(cutOff.address() as AddressInfo).port}/ado`;
        resetSettingsForTests();
        response = await grant(id, t.cookies.admin);
      } finally {
        process.env.TB_ADO_BASE_URL = saved;
        resetSettingsForTests();
        cutOff.closeAllConnections();
        cutOff.close();
      }
      expect(response.status).toBe(502);
      const { error } = (await response.json()) as { error: { code: string; message: string; hint?: string } };
      expect(error.code).toBe("upstream_failed");
      expect(error.message).toMatch(/^The sandbox cloud answered 200 but its answer stopped arriving \(/);
      expect(error.hint).toMatch(/npm run sandbox/);
      expect(await t.current.db.auditEvent.count({ where: { action: "sandbox.ado_access_granted" } })).toBe(0);
    });
  });
}
