// The agent's production path, with the real @azure/identity: a user-assigned managed identity
// (App Service protocol) gets an assertion, and ClientAssertionCredential exchanges it in a
// target tenant for ADO, Kusto and ARM. Then every FIC failure Entra reports, in Entra's order.
import { decodeJwt } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { failureOf } from "../testing/errors";
import { admin, cloneWorld, startTestSandbox } from "../testing/test-sandbox";
import { TOKEN_EXCHANGE_APP_ID } from "../entra/first-party";
import { portalClient, signInAs } from "../testing/portal-sign-in";
import { AGENT_IDENTITY, CONNECTOR_APP, PORTAL_SP, RESOURCE, SANDBOX_SECRET, TENANT, USER, WRONG_SUBJECT_APP, WRONG_TENANT_APP } from "../world/default/ids";
import { authorityIssuer, TOKEN_EXCHANGE_AUDIENCE } from "../world/issuer";

let sandbox: RunningSandbox;
let identity: typeof import("@azure/identity");

beforeAll(async () => {
  sandbox = await startTestSandbox();
  // MSAL picks the managed identity source once per process, at first use: the App Service
  // variables must be in place before @azure/identity is first used.
  process.env.IDENTITY_ENDPOINT = sandbox.env.IDENTITY_ENDPOINT;
  process.env.IDENTITY_HEADER = sandbox.env.IDENTITY_HEADER;
  identity = await import("@azure/identity");
});
afterEach(async () => {
  await admin(sandbox, "POST", "/reset");
});
afterAll(async () => {
  await sandbox.stop();
});

const options = () => ({ authorityHost: sandbox.origin, disableInstanceDiscovery: true });

function agentAssertion(): () => Promise<string> {
  const mi = new identity.ManagedIdentityCredential({ clientId: AGENT_IDENTITY.clientId });
  return async () => (await mi.getToken(`${TOKEN_EXCHANGE_AUDIENCE}/.default`)).token;
}

function exchange(tenantId: string, appId: string, assertion = agentAssertion()) {
  return new identity.ClientAssertionCredential(tenantId, appId, assertion, options());
}

describe("managed identity (App Service protocol)", () => {
  it("issues the FIC assertion as a v2.0 token: iss = identity tenant issuer, aud = the exchange's app id, sub = oid = principal id", async () => {
    const token = await agentAssertion()();
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: `${sandbox.origin}/${TENANT.contoso}/v2.0`,
      sub: AGENT_IDENTITY.principalId,
      oid: AGENT_IDENTITY.principalId,
      aud: "fb60f99c-7a34-4190-8149-302f77469936",
      azp: AGENT_IDENTITY.clientId,
      idtyp: "app",
      tid: TENANT.contoso,
      ver: "2.0",
      xms_mirid: AGENT_IDENTITY.resourceId,
    });
    expect(claims).not.toHaveProperty("appid");
  });

  it("issues v1.0 tokens for ARM, as Entra does for resources that accept v1.0 tokens", async () => {
    const credential = new identity.ManagedIdentityCredential({ clientId: AGENT_IDENTITY.clientId });
    const token = await credential.getToken("https://management.azure.com/.default");
    // MSAL asks the endpoint for the resource without the trailing slash; v1.0 tokens keep the form asked for.
    expect(decodeJwt(token.token)).toMatchObject({
      aud: "https://management.azure.com",
      iss: `https://sts.windows.net/${TENANT.contoso}/`,
      appid: AGENT_IDENTITY.clientId,
      ver: "1.0",
      xms_mirid: AGENT_IDENTITY.resourceId,
    });
  });

  it("refuses a caller without the identity header", async () => {
    const url = `${sandbox.env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=${TOKEN_EXCHANGE_AUDIENCE}&client_id=${AGENT_IDENTITY.clientId}`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { "X-IDENTITY-HEADER": "wrong" } })).status).toBe(401);
  });
});

describe("MI -> FIC -> target tenant exchange", () => {
  it.each([
    ["Azure DevOps", `${RESOURCE.azureDevOps.appId}/.default`, RESOURCE.azureDevOps.appId],
    ["ARM", "https://management.azure.com/.default", "https://management.azure.com"],
  ])("gets a Litware token for %s", async (_name, scope, audience) => {
    const token = await exchange(TENANT.litware, CONNECTOR_APP.appId).getToken(scope);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now());
    expect(decodeJwt(token.token)).toMatchObject({
      aud: audience,
      iss: `https://sts.windows.net/${TENANT.litware}/`,
      ver: "1.0",
      tid: TENANT.litware,
      oid: CONNECTOR_APP.spLitware,
      sub: CONNECTOR_APP.spLitware,
      appid: CONNECTOR_APP.appId,
      idtyp: "app",
    });
  });

  it("gets a Litware token for a Kusto cluster URL, with the cluster as audience", async () => {
    const cluster = `${sandbox.origin}/kusto/litware`;
    const token = await exchange(TENANT.litware, CONNECTOR_APP.appId).getToken(`${cluster}/.default`);
    expect(decodeJwt(token.token)).toMatchObject({ aud: cluster, tid: TENANT.litware, appid: CONNECTOR_APP.appId });
  });

  it("also authenticates the connector app with its client secret", async () => {
    const credential = new identity.ClientSecretCredential(TENANT.litware, CONNECTOR_APP.appId, SANDBOX_SECRET.connector, options());
    const token = await credential.getToken(`${RESOURCE.azureDevOps.appId}/.default`);
    expect(decodeJwt(token.token)).toMatchObject({ appidacr: "1", tid: TENANT.litware });
  });
});

describe("Entra's federated credential errors through @azure/identity", () => {
  const ado = `${RESOURCE.azureDevOps.appId}/.default`;

  it("AADSTS700236: app registered in the target tenant trusting the Contoso issuer", async () => {
    const failure = await failureOf(exchange(TENANT.litware, WRONG_TENANT_APP.appId).getToken(ado));
    expect(failure.errorNo).toBe("700236");
    expect(failure.message).toMatch(/AADSTS700236: Entra ID tokens issued by issuer/);
  });

  it("AADSTS700213: FIC subject is the identity's client id instead of its principal id", async () => {
    const failure = await failureOf(exchange(TENANT.litware, WRONG_SUBJECT_APP.appId).getToken(ado));
    expect(failure.errorNo).toBe("700213");
    expect(failure.message).toContain(`presented assertion subject '${AGENT_IDENTITY.principalId}'`);
  });

  it("AADSTS700211: no FIC for the assertion's issuer", async () => {
    const world = cloneWorld(sandbox);
    world.applications.find((a) => a.appId === CONNECTOR_APP.appId)!.federatedIdentityCredentials[0]!.issuer = authorityIssuer(TENANT.litware);
    sandbox.loadWorld(world);
    const failure = await failureOf(exchange(TENANT.litware, CONNECTOR_APP.appId).getToken(ado));
    expect(failure.errorNo).toBe("700211");
  });

  it("AADSTS7002121: no FIC for the audience of the managed identity token used as the assertion", async () => {
    const world = cloneWorld(sandbox);
    world.applications.find((a) => a.appId === CONNECTOR_APP.appId)!.federatedIdentityCredentials[0]!.audiences = ["api://AzureADTokenExchangeUSGov"];
    sandbox.loadWorld(world);
    const failure = await failureOf(exchange(TENANT.litware, CONNECTOR_APP.appId).getToken(ado));
    expect(failure.errorNo).toBe("7002121");
  });

  it("AADSTS700016: the app has no service principal in Fabrikam (not consented)", async () => {
    const failure = await failureOf(exchange(TENANT.fabrikam, CONNECTOR_APP.appId).getToken(ado));
    expect(failure.errorNo).toBe("700016");
    expect(failure.errorCode).toBe("unauthorized_client");
    expect(failure.message).toContain("was not found in the directory 'Fabrikam'");
  });

  it("AADSTS7000112: the service principal is disabled in the target tenant", async () => {
    const world = cloneWorld(sandbox);
    world.servicePrincipals.find((s) => s.id === CONNECTOR_APP.spLitware)!.enabled = false;
    sandbox.loadWorld(world);
    const failure = await failureOf(exchange(TENANT.litware, CONNECTOR_APP.appId).getToken(ado));
    expect(failure.errorNo).toBe("7000112");
  });

  it("AADSTS500011: the resource does not exist in the target tenant", async () => {
    const failure = await failureOf(exchange(TENANT.litware, CONNECTOR_APP.appId).getToken("https://unknown-resource.example/.default"));
    expect(failure.errorNo).toBe("500011");
    expect(failure.errorCode).toBe("invalid_resource");
  });

  it("AADSTS70011: client credentials need a /.default scope", async () => {
    const failure = await failureOf(exchange(TENANT.litware, CONNECTOR_APP.appId).getToken("https://management.azure.com/user_impersonation"));
    expect(failure.errorNo).toBe("70011");
    expect(failure.errorCode).toBe("invalid_scope");
  });

  it("AADSTS700024: an expired assertion", async () => {
    await admin(sandbox, "PUT", "/token-lifetimes", { managedIdentitySeconds: 1 });
    const url = `${sandbox.env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=${TOKEN_EXCHANGE_AUDIENCE}&client_id=${AGENT_IDENTITY.clientId}`;
    const stale = ((await (await fetch(url, { headers: { "X-IDENTITY-HEADER": sandbox.env.IDENTITY_HEADER! } })).json()) as { access_token: string }).access_token;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const failure = await failureOf(exchange(TENANT.litware, CONNECTOR_APP.appId, async () => stale).getToken(ado));
    expect(failure.errorNo).toBe("700024");
    expect(failure.message).toContain("Client assertion is not within its valid time range");
  });

  it("AADSTS700226: an app token (not a managed identity token) used as the assertion", async () => {
    // The connector app's own token for the exchange audience, from its home tenant ...
    const appToken = (await exchange(TENANT.contoso, CONNECTOR_APP.appId).getToken(`${TOKEN_EXCHANGE_AUDIENCE}/.default`)).token;
    expect(decodeJwt(appToken)).toMatchObject({ iss: `${sandbox.origin}/${TENANT.contoso}/v2.0`, sub: CONNECTOR_APP.spContoso });
    // ... matches a FIC that trusts it, but Entra only accepts managed identity tokens from its own issuer.
    const world = cloneWorld(sandbox);
    world.applications
      .find((a) => a.appId === CONNECTOR_APP.appId)!
      .federatedIdentityCredentials.push({
        id: "ab900000-0000-4000-8000-0000000000db",
        name: "app-token",
        issuer: authorityIssuer(TENANT.contoso),
        subject: CONNECTOR_APP.spContoso,
        audiences: [TOKEN_EXCHANGE_AUDIENCE],
      });
    sandbox.loadWorld(world);
    const failure = await failureOf(exchange(TENANT.litware, CONNECTOR_APP.appId, async () => appToken).getToken(ado));
    expect(failure.errorNo).toBe("700226");
  });

  it("AADSTS700229: a user token used as the assertion", async () => {
    // A world where the portal may get user tokens for the exchange audience, and a FIC that
    // trusts such a token's subject: Entra still wants app-only tokens.
    const world = cloneWorld(sandbox);
    world.servicePrincipals.find((s) => s.id === PORTAL_SP.contoso)!.delegatedGrants.push({ resourceAppId: TOKEN_EXCHANGE_APP_ID, scopes: ["user_impersonation"] });
    sandbox.loadWorld(world);
    const { result } = await signInAs(portalClient(sandbox, TENANT.contoso), USER.contosoAdmin.upn, [`${TOKEN_EXCHANGE_AUDIENCE}/user_impersonation`]);
    const userToken = result.accessToken;
    const claims = decodeJwt(userToken);
    expect(claims).toMatchObject({ aud: TOKEN_EXCHANGE_APP_ID, idtyp: "user" });
    const trusting = cloneWorld(sandbox);
    trusting.applications
      .find((a) => a.appId === CONNECTOR_APP.appId)!
      .federatedIdentityCredentials.push({
        id: "ab900000-0000-4000-8000-0000000000dc",
        name: "user-token",
        issuer: authorityIssuer(TENANT.contoso),
        subject: String(claims.sub),
        audiences: [TOKEN_EXCHANGE_AUDIENCE],
      });
    sandbox.loadWorld(trusting);
    const failure = await failureOf(exchange(TENANT.litware, CONNECTOR_APP.appId, async () => userToken).getToken(ado));
    expect(failure.errorNo).toBe("700229");
  });

  it("AADSTS7000215: a wrong client secret", async () => {
    const credential = new identity.ClientSecretCredential(TENANT.litware, CONNECTOR_APP.appId, "not-the-secret", options());
    const failure = await failureOf(credential.getToken(ado));
    expect(failure.errorNo).toBe("7000215");
    expect(failure.errorCode).toBe("invalid_client");
  });
});
