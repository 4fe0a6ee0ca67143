// Entra as it really behaves, through the portal: each case of the sandbox's fidelity reproduced
// with the real @azure/identity and MSAL (the chain test's own sources, or a credential built the
// same way) against the sandbox cloud and a real SQLite database, asserting the cause and fix the
// operator sees. Cases: a FIC subject that differs only by case (AADSTS7002138), a managed
// identity token for ARM used as the assertion (7002121), a system-assigned identity (refused by
// the chain test before any exchange, and by the API's schemas), the token shapes (v2.0 exchange
// assertion, v1.0 service tokens), an unknown resource (500011), and a fresh setup that fails
// while Entra propagates it, then passes by itself within the chain test's retry window.
import { ClientAssertionCredential } from "@azure/identity";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { admin, cloneWorld } from "@/sandbox/testing/test-sandbox";
import { AGENT_IDENTITY, CONNECTOR_APP, HOST_IDENTITY, RESOURCE, TENANT } from "@/sandbox/world/default/ids";
import { authorityIssuer } from "@/sandbox/world/issuer";
import type { World } from "@/sandbox/world/schema";
import { chainContext, brokerConnectorById } from "@/lib/server/broker/broker-connector";
import { decodeExchangeError } from "@/lib/server/broker/decode-identity-error";
import { exchangeForService, managedIdentityToken } from "@/lib/server/broker/managed-identity-source";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { resetChainTestRateLimit } from "@/lib/server/pipeline/chain-test-rate-limit";
import { runChainTest } from "@/lib/server/pipeline/run-check";
import { adoConnector, countRequests, miFic, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { resetSettingsForTests, settings } from "@/lib/server/settings";
import type { HopStreamEvent } from "@/lib/schemas/hop-stream";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { POST as testRoute } from "@/app/api/connectors/[id]/test/route";
import { POST as changesRoute } from "@/app/api/connectors/[id]/changes/route";
import { POST as generateFicRoute } from "@/app/api/fic/generate/route";
import { POST as createConnectorRoute } from "@/app/api/connectors/route";
import { learnLinkFor } from "@/lib/client/learn-link";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { rejection } from "@/lib/testing/rejection";

const sandbox = sandboxForFile((running) => {
  usePortalEnvironment(running);
  // Short retry window for the propagation case: the first wait is a sixth of it (2 s).
  process.env.TB_PROPAGATION_RETRY_SECONDS = "12";
  resetSettingsForTests();
});

const operator = { id: "admin-oid", name: "Test admin" };
const ORIGIN = "http://localhost:3000";
const statuses = (run: ValidationRunDto) => run.checks.map((check) => `${check.key}:${check.status}`);
const ado = `${RESOURCE.azureDevOps.appId}/.default`;

async function loadWorld(change: (world: World) => void): Promise<void> {
  const world = cloneWorld(sandbox);
  change(world);
  const response = await admin(sandbox, "PUT", "/world", world);
  expect(response.status).toBe(200);
}
const connectorApp = (world: World) => world.applications.find((app) => app.appId === CONNECTOR_APP.appId)!;

describe("Entra's behaviour through the portal", () => {
  const t = useApiTestContext("sqlite", { sandbox, reset: [forgetBrokerTokens, resetChainTestRateLimit], tables: ["auditEvent", "connector", "organization"] });

  it("AADSTS7002138: a FIC subject that differs from the principal id only by case fails with its own cause and fix, unless the app still matches case-insensitively", async () => {
    const { db } = t.current;
    await loadWorld((world) => {
      connectorApp(world).federatedIdentityCredentials[0]!.subject = AGENT_IDENTITY.principalId.toUpperCase();
    });
    const id = await adoConnector(db, "litware");
    const run = await runChainTest(db, id, "manual", { operator });
    expect(statuses(run)).toEqual(["mi-token:pass", "exchange:fail", "ado-call:skipped"]);
    const exchange = run.checks[1]!;
    expect(exchange.code).toBe("AADSTS7002138");
    expect(exchange.title).toBe("The federated credential's subject differs only in upper and lower case");
    expect(exchange.cause).toContain("only when case is ignored");
    expect(exchange.fix).toContain("exactly as the identity's Overview page shows it");
    expect(exchange.expected).toContain(AGENT_IDENTITY.principalId);
    expect(exchange.raw).toContain("The subject matches with case-insensitive comparison, but not with case-sensitive comparison");
    expect(learnLinkFor(exchange.code)?.href).toContain("reference-breaking-changes");

    // An app active before Entra's 2024 change still matches.
    await loadWorld((world) => {
      connectorApp(world).ficSubjectCaseInsensitive = true;
    });
    await forgetBrokerTokens(db);
    expect((await runChainTest(db, id, "manual", { operator })).outcome).toBe("pass");
  });

  it("AADSTS7002121: a managed identity token for ARM used as the assertion is read as the wrong resource, not as the credential's audience", async () => {
    const { db } = t.current;
    const armToken = await managedIdentityToken(AGENT_IDENTITY.clientId, "https://management.azure.com/.default");
    // MI tokens for ARM are v1.0, as Entra issues them.
    expect(decodeJwt(armToken.token)).toMatchObject({ iss: `https://sts.windows.net/${TENANT.contoso}/`, ver: "1.0", appid: AGENT_IDENTITY.clientId });
    const credential = new ClientAssertionCredential(TENANT.litware, CONNECTOR_APP.appId, async () => armToken.token, {
      authorityHost: settings().authorityHost,
      disableInstanceDiscovery: true,
    });
    const error = await rejection(credential.getToken(ado));
    const id = await adoConnector(db, "litware");
    const decoded = decodeExchangeError(error, chainContext(await brokerConnectorById(db, id)));
    expect(decoded.code).toBe("AADSTS7002121");
    expect(decoded.title).toBe("The managed identity token was requested for the wrong resource");
    expect(decoded.fix).toContain("api://AzureADTokenExchange");
    expect(decoded.fix).toContain("do not edit the credential's audience");
    expect(decoded.configured).toBe("assertion audience = https://management.azure.com");
  });

  it("a system-assigned identity: the chain test refuses its token before any exchange, and Entra's sandbox refuses it as an assertion", async () => {
    const { db } = t.current;
    await loadWorld((world) => {
      connectorApp(world).federatedIdentityCredentials.push({
        id: "ab900000-0000-4000-8000-0000000000da",
        name: "host-identity",
        issuer: authorityIssuer(TENANT.contoso),
        subject: HOST_IDENTITY.principalId,
        audiences: ["api://AzureADTokenExchange"],
      });
    });
    const id = await adoConnector(db, "litware", { ...miFic(CONNECTOR_APP.appId, TENANT.litware), miClientId: HOST_IDENTITY.clientId, miPrincipalId: HOST_IDENTITY.principalId });
    const exchanges = await countRequests(sandbox, `/${TENANT.litware}/oauth2/v2.0/token`);
    const run = await runChainTest(db, id, "manual", { operator });
    expect(statuses(run)).toEqual(["mi-token:fail", "exchange:skipped", "ado-call:skipped"]);
    expect(run.checks[0]).toMatchObject({ code: "system_assigned_identity", title: "A system-assigned identity cannot be a federated credential" });
    expect(run.checks[0]!.cause).toContain("Only user-assigned managed identities can be used as a federated identity credential");
    expect(run.checks[0]!.cause).toContain(HOST_IDENTITY.resourceId);
    expect(run.checks[0]!.fix).toContain("Create a user-assigned managed identity");
    expect(await exchanges()).toBe(0);

    // The same token presented to Entra (the sandbox) as an assertion is refused, and decoded as such.
    const hostToken = await managedIdentityToken(HOST_IDENTITY.clientId, "api://AzureADTokenExchange/.default");
    expect(decodeJwt(hostToken.token).xms_mirid).toBe(HOST_IDENTITY.resourceId);
    const credential = new ClientAssertionCredential(TENANT.litware, CONNECTOR_APP.appId, async () => hostToken.token, { authorityHost: settings().authorityHost, disableInstanceDiscovery: true });
    const decoded = decodeExchangeError(await rejection(credential.getToken(ado)), chainContext(await brokerConnectorById(db, id)));
    expect(decoded.code).toBe("AADSTS700226");
    expect(decoded.title).toBe("A system-assigned identity cannot be a federated credential");
  });

  it("the API refuses a system-assigned identity in /api/fic/generate and on connector save, naming the field", async () => {
    const inputs = {
      identityKind: "system_assigned",
      agentTenantId: TENANT.contoso,
      miClientId: HOST_IDENTITY.clientId,
      miPrincipalId: HOST_IDENTITY.principalId,
      appClientId: CONNECTOR_APP.appId,
      targetTenantId: TENANT.litware,
      ficName: "tenantbridge-litware",
    };
    const headers = { cookie: t.cookies.admin, origin: ORIGIN, "content-type": "application/json" };
    const generate = await generateFicRoute(
      new Request(`${ORIGIN}/api/fic/generate`, { method: "POST", headers, body: JSON.stringify({ inputs, target: { kind: "ado", organization: "litware" } }) }),
      { params: Promise.resolve({}) },
    );
    expect(generate.status).toBe(422);
    const generateBody = (await generate.json()) as { error: { fields: { field: string; message: string }[] } };
    expect(generateBody.error.fields).toEqual([{ field: "inputs.identityKind", message: expect.stringContaining("Only user-assigned managed identities can be used as a federated credential") }]);
    // The same values as user-assigned get their artifacts.
    const userAssigned = await generateFicRoute(
      new Request(`${ORIGIN}/api/fic/generate`, {
        method: "POST",
        headers,
        body: JSON.stringify({ inputs: { ...inputs, identityKind: "user_assigned" }, target: { kind: "ado", organization: "litware" } }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(userAssigned.status).toBe(200);

    const create = await createConnectorRoute(
      new Request(`${ORIGIN}/api/connectors`, {
        method: "POST",
        headers,
        body: JSON.stringify({ kind: "ado", organization: "litware", authMethod: "mi_fic", identityKind: "system_assigned", miClientId: HOST_IDENTITY.clientId }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(create.status).toBe(422);
    expect(((await create.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(["identityKind"]);
    expect(await t.current.db.connector.count()).toBe(0);
  });

  it("token shapes: the assertion is a v2.0 token for the exchange's app id, the service token a v1.0 token, and the chain shows both plainly", async () => {
    const { db } = t.current;
    const id = await adoConnector(db, "litware");
    const run = await runChainTest(db, id, "manual", { operator });
    expect(run.outcome).toBe("pass");
    expect(run.checks[0]!.detail).toContain("Audience: api://AzureADTokenExchange (app id fb60f99c-7a34-4190-8149-302f77469936");
    const token = await exchangeForService({ targetTenantId: TENANT.litware, appClientId: CONNECTOR_APP.appId, miClientId: AGENT_IDENTITY.clientId, scope: ado });
    expect(decodeJwt(token.token)).toMatchObject({ aud: RESOURCE.azureDevOps.appId, iss: `https://sts.windows.net/${TENANT.litware}/`, ver: "1.0", appid: CONNECTOR_APP.appId });
  });

  it("AADSTS500011: a resource Entra does not know in the target tenant, with the resource named", async () => {
    const { db } = t.current;
    const id = await adoConnector(db, "litware");
    const error = await rejection(
      exchangeForService({ targetTenantId: TENANT.litware, appClientId: CONNECTOR_APP.appId, miClientId: AGENT_IDENTITY.clientId, scope: "https://unknown-service.example.com/.default" }),
    );
    const decoded = decodeExchangeError(error, chainContext(await brokerConnectorById(db, id)));
    expect(decoded.code).toBe("AADSTS500011");
    expect(decoded.raw).toContain("The resource principal named https://unknown-service.example.com was not found in the tenant named Litware");
    expect(decoded.title).toBe("The target service is not known in the target tenant");
    expect(decoded.configured).toBe("https://unknown-service.example.com");
  });

  describe("propagation", () => {
    const stream = async (id: string) => {
      const response = await testRoute(new Request(`${ORIGIN}/api/connectors/${id}/test`, { method: "POST", headers: { cookie: t.cookies.admin, origin: ORIGIN, accept: "application/x-ndjson" } }), {
        params: Promise.resolve({ id }),
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      return text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as HopStreamEvent<{ run: ValidationRunDto }>);
    };
    /** The federated credential is new: Entra honours it only after the world's delay. */
    async function freshFederatedCredential(delaySeconds: number) {
      const fic = cloneWorld(sandbox).applications.find((app) => app.appId === CONNECTOR_APP.appId)!.federatedIdentityCredentials[0]!;
      await loadWorld((world) => {
        connectorApp(world).federatedIdentityCredentials = [];
      });
      await loadWorld((world) => {
        world.propagationDelaySeconds = delaySeconds;
        connectorApp(world).federatedIdentityCredentials = [fic];
      });
    }

    it("a fresh setup fails while Entra propagates the new credential, says so, and passes by itself within the retry window", async () => {
      const { db } = t.current;
      const id = await adoConnector(db, "litware");
      await freshFederatedCredential(5);
      // What "Create with my account" records after creating the credential through Graph.
      await db.auditEvent.create({
        data: { actorId: "admin-oid", actorName: "Test admin", action: "connector.fic_created", targetType: "connector", targetId: id, summary: "Created the federated credential" },
      });

      const lines = await stream(id);
      const kinds = lines.map((line) => (line.type === "hop" ? `hop:${line.key}:${line.status}` : line.type));
      expect(kinds[0]).toBe("hop:mi-token:pass");
      expect(kinds[1]).toBe("hop:exchange:fail");
      expect(kinds).toContain("retry");
      expect(kinds.slice(-4)).toEqual(["hop:mi-token:pass", "hop:exchange:pass", "hop:ado-call:pass", "result"]);

      const firstFailure = lines[1]!;
      if (firstFailure.type !== "hop") throw new Error("expected a hop");
      expect(firstFailure.code).toBe("AADSTS700211");
      expect(firstFailure.cause).toContain("can take a few minutes to take effect");
      expect(firstFailure.fix).toContain("the chain test retries by itself");
      const retry = lines.find((line) => line.type === "retry")!;
      if (retry.type !== "retry") throw new Error("expected a retry");
      expect(retry).toMatchObject({ attempt: 1, code: "AADSTS700211" });
      expect(retry.inSeconds).toBeGreaterThan(0);
      expect(retry.reason).toContain("a new federated credential may still be propagating");
      const result = lines.at(-1)!;
      if (result.type !== "result") throw new Error("expected the result");
      expect(result.run.outcome).toBe("pass");
    });

    it("after the operator reports a grant in the target tenant, TF401444 while the membership propagates is retried until it passes", async () => {
      const { db } = t.current;
      const id = await adoConnector(db, "litware");
      // The organization's admin adds the app's service principal now; ADO honours it after 5 s.
      const member = cloneWorld(sandbox)
        .ado.organizations.find((org) => org.name === "litware")!
        .members.find((m) => m.principalId === CONNECTOR_APP.spLitware)!;
      await loadWorld((world) => {
        const org = world.ado.organizations.find((o) => o.name === "litware")!;
        org.members = org.members.filter((m) => m.principalId !== CONNECTOR_APP.spLitware);
      });
      await loadWorld((world) => {
        world.propagationDelaySeconds = 5;
        world.ado.organizations.find((o) => o.name === "litware")!.members.push(member);
      });

      const report = await changesRoute(
        new Request(`${ORIGIN}/api/connectors/${id}/changes`, {
          method: "POST",
          headers: { cookie: t.cookies.admin, origin: ORIGIN, "content-type": "application/json" },
          body: JSON.stringify({ change: "granted" }),
        }),
        { params: Promise.resolve({ id }) },
      );
      expect(report.status).toBe(200);
      expect(await report.json()).toMatchObject({ action: "connector.granted" });
      const audit = await db.auditEvent.findFirst({ where: { targetId: id, action: "connector.granted" } });
      expect(audit?.summary).toContain(`Reported access granted in tenant ${TENANT.litware}`);

      const lines = await stream(id);
      const failure = lines.find((line) => line.type === "hop" && line.status === "fail");
      if (failure?.type !== "hop") throw new Error("expected a failing hop");
      expect(failure.code).toBe("TF401444");
      expect(failure.cause).toContain("the identity's new organization membership can take a few minutes");
      expect(lines.some((line) => line.type === "retry")).toBe(true);
      const result = lines.at(-1)!;
      if (result.type !== "result") throw new Error("expected the result");
      expect(result.run.outcome).toBe("pass");
    });

    it("a report is for a connector the operator may change: 404 for an unknown one, 422 naming the field for a wrong change", async () => {
      const { db } = t.current;
      const id = await adoConnector(db, "litware");
      const post = (target: string, body: unknown) =>
        changesRoute(
          new Request(`${ORIGIN}/api/connectors/${target}/changes`, {
            method: "POST",
            headers: { cookie: t.cookies.admin, origin: ORIGIN, "content-type": "application/json" },
            body: JSON.stringify(body),
          }),
          { params: Promise.resolve({ id: target }) },
        );
      expect((await post("no-such-connector", { change: "granted" })).status).toBe(404);
      const wrong = await post(id, { change: "deleted" });
      expect(wrong.status).toBe(422);
      expect(JSON.stringify(await wrong.json())).toContain("change");
      expect(await db.auditEvent.count({ where: { action: { in: ["connector.granted", "connector.consented"] } } })).toBe(0);
    });

    it("after a settings save alone the same failure is not retried: it is a misconfiguration until shown otherwise", async () => {
      const { db } = t.current;
      const id = await adoConnector(db, "litware");
      await freshFederatedCredential(5);
      await db.auditEvent.create({ data: { actorId: "admin-oid", actorName: "Test admin", action: "connector.updated", targetType: "connector", targetId: id, summary: "Updated the connector" } });
      const lines = await stream(id);
      expect(lines.map((line) => line.type)).toEqual(["hop", "hop", "hop", "result"]);
      const exchange = lines[1]!;
      if (exchange.type !== "hop") throw new Error("expected a hop");
      expect(exchange.code).toBe("AADSTS700211");
      expect(exchange.cause).not.toContain("can take a few minutes");
    });
  });
});
