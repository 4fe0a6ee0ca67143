// The IMDS protocol (as on a VM), and two of the source stories replayed against the sandbox:
// seed 003's raw HTTP walkthrough (plain fetch, no library) and seed 001's per-tenant Graph loop.
import { decodeJwt } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { pickAccount, openAuthorize } from "../testing/drive-picker";
import { failureOf } from "../testing/errors";
import { admin, cloneWorld, postForm, startTestSandbox } from "../testing/test-sandbox";
import { stableGuid } from "../entra/directory";
import { TOKEN_EXCHANGE_APP_ID } from "../entra/first-party";
import { AGENT_IDENTITY, CONNECTOR_APP, HOST_IDENTITY, SUBSCRIPTION, TENANT, USER, WRONG_TENANT_APP } from "../world/default/ids";
import { TOKEN_EXCHANGE_AUDIENCE } from "../world/issuer";

let sandbox: RunningSandbox;
let identity: typeof import("@azure/identity");

beforeAll(async () => {
  sandbox = await startTestSandbox();
  // IMDS is MSAL's fallback source: no App Service variables, and the IMDS host overridden.
  delete process.env.IDENTITY_ENDPOINT;
  delete process.env.IDENTITY_HEADER;
  process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST = sandbox.miOrigin;
  identity = await import("@azure/identity");
});
afterEach(async () => {
  await admin(sandbox, "POST", "/reset");
});
afterAll(async () => {
  await sandbox.stop();
});

const imdsUrl = (query: string) => `${sandbox.miOrigin}/metadata/identity/oauth2/token?api-version=2018-02-01&${query}`;

describe("managed identity (IMDS protocol)", () => {
  it("serves ManagedIdentityCredential by client id, object id and resource id", async () => {
    for (const selector of [{ clientId: AGENT_IDENTITY.clientId }, { objectId: AGENT_IDENTITY.principalId }, { resourceId: AGENT_IDENTITY.resourceId }]) {
      const token = await new identity.ManagedIdentityCredential(selector).getToken(`${TOKEN_EXCHANGE_AUDIENCE}/.default`);
      expect(decodeJwt(token.token)).toMatchObject({ sub: AGENT_IDENTITY.principalId, iss: `${sandbox.origin}/${TENANT.contoso}/v2.0` });
    }
  });

  it("serves the host's system-assigned identity when no identity is named", async () => {
    const token = await new identity.ManagedIdentityCredential().getToken("https://management.azure.com/.default");
    expect(decodeJwt(token.token)).toMatchObject({ oid: HOST_IDENTITY.principalId, aud: "https://management.azure.com" });
  });

  it("requires the Metadata header and knows only the world's identities", async () => {
    expect((await fetch(imdsUrl(`resource=${TOKEN_EXCHANGE_AUDIENCE}`))).status).toBe(400);
    const unknown = await fetch(imdsUrl(`resource=${TOKEN_EXCHANGE_AUDIENCE}&client_id=00000000-0000-4000-8000-000000000000`), { headers: { Metadata: "true" } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "invalid_request", error_description: "Identity not found" });
    const failure = await failureOf(new identity.ManagedIdentityCredential({ clientId: "00000000-0000-4000-8000-00000000abcd" }).getToken(`${TOKEN_EXCHANGE_AUDIENCE}/.default`));
    expect(failure.message).toContain("Identity not found");
  });
});

async function miAssertion(): Promise<string> {
  const response = await fetch(imdsUrl(`resource=${TOKEN_EXCHANGE_AUDIENCE}&client_id=${AGENT_IDENTITY.clientId}`), { headers: { Metadata: "true" } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function rawExchange(tenantId: string, clientId: string, assertion: string, scope: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await postForm(`${sandbox.origin}/${tenantId}/oauth2/v2.0/token`, {
    scope,
    client_id: clientId,
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: assertion,
    grant_type: "client_credentials",
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("seed 003: the raw HTTP walkthrough", () => {
  it("home tenant works, an app registered in the target tenant fails (700213, then 700236), the consented home app works", async () => {
    // The connector app's service principal in Litware does not exist yet in this story.
    const world = cloneWorld(sandbox);
    world.servicePrincipals = world.servicePrincipals.filter((sp) => sp.id !== CONNECTOR_APP.spLitware);
    const litwareFic = world.applications.find((a) => a.appId === WRONG_TENANT_APP.appId)!.federatedIdentityCredentials[0]!;
    litwareFic.subject = "not-the-identity";
    sandbox.loadWorld(world);

    const assertion = await miAssertion();
    expect(decodeJwt(assertion)).toMatchObject({ aud: TOKEN_EXCHANGE_APP_ID, sub: AGENT_IDENTITY.principalId });

    const home = await rawExchange(TENANT.contoso, CONNECTOR_APP.appId, assertion, `${TOKEN_EXCHANGE_AUDIENCE}/.default`);
    expect(home.status).toBe(200);
    expect(decodeJwt(String(home.body.access_token))).toMatchObject({ tid: TENANT.contoso, azp: CONNECTOR_APP.appId, ver: "2.0" });

    // A new app registration in Litware, with a FIC that mirrors Contoso's but a wrong subject.
    const wrongSubject = await rawExchange(TENANT.litware, WRONG_TENANT_APP.appId, assertion, `${TOKEN_EXCHANGE_AUDIENCE}/.default`);
    expect(wrongSubject.status).toBe(401);
    expect(wrongSubject.body).toMatchObject({ error: "invalid_client", error_codes: [700213] });

    // Fixing the subject does not help: Litware apps may not use Contoso-issued assertions.
    const fixed = cloneWorld(sandbox);
    fixed.applications.find((a) => a.appId === WRONG_TENANT_APP.appId)!.federatedIdentityCredentials[0]!.subject = AGENT_IDENTITY.principalId;
    sandbox.loadWorld(fixed);
    const wrongTenant = await rawExchange(TENANT.litware, WRONG_TENANT_APP.appId, assertion, `${TOKEN_EXCHANGE_AUDIENCE}/.default`);
    expect(wrongTenant.status).toBe(401);
    expect(wrongTenant.body).toMatchObject({ error: "invalid_client", error_codes: [700236] });
    expect(String(wrongTenant.body.error_description)).toMatch(/^AADSTS700236: .*\r\nTrace ID: .*\r\nCorrelation ID: .*\r\nTimestamp: /s);

    // The home tenant's multi-tenant app is not in Litware yet ...
    const notProvisioned = await rawExchange(TENANT.litware, CONNECTOR_APP.appId, assertion, `${TOKEN_EXCHANGE_AUDIENCE}/.default`);
    expect(notProvisioned.body).toMatchObject({ error: "unauthorized_client", error_codes: [700016] });

    // ... until Litware's admin consents, which creates its service principal there.
    const consentUrl = `${sandbox.origin}/${TENANT.litware}/adminconsent?client_id=${CONNECTOR_APP.appId}&redirect_uri=${encodeURIComponent("http://localhost:3000/api/connectors/admin-consent/callback")}&state=seed003`;
    const picker = await openAuthorize(consentUrl);
    if (picker.kind !== "page") throw new Error("expected the account picker");
    const consented = await pickAccount(consentUrl, picker.html, USER.litwareAdmin.upn);
    if (consented.kind !== "redirect") throw new Error("admin consent did not redirect");
    const callback = new URL(consented.location);
    expect(Object.fromEntries(callback.searchParams)).toEqual({ admin_consent: "True", tenant: TENANT.litware, state: "seed003" });

    const target = await rawExchange(TENANT.litware, CONNECTOR_APP.appId, assertion, `${TOKEN_EXCHANGE_AUDIENCE}/.default`);
    expect(target.status).toBe(200);
    const newSpId = stableGuid(`${TENANT.litware}/${CONNECTOR_APP.appId}`);
    expect(decodeJwt(String(target.body.access_token))).toMatchObject({ tid: TENANT.litware, oid: newSpId });

    // Litware grants Reader to the new service principal; ARM then lists the resource groups.
    const management = await rawExchange(TENANT.litware, CONNECTOR_APP.appId, assertion, "https://management.azure.com/.default");
    expect(management.status).toBe(200);
    const rgUrl = `${sandbox.origin}/arm/subscriptions/${SUBSCRIPTION.litware}/resourceGroups?api-version=2024-08-01`;
    const auth = { authorization: `Bearer ${String(management.body.access_token)}` };
    expect((await fetch(rgUrl, { headers: auth })).status).toBe(403);
    const granted = cloneWorld(sandbox);
    granted.arm.subscriptions
      .find((s) => s.subscriptionId === SUBSCRIPTION.litware)!
      .roleAssignments.push({
        name: "5b000000-aa00-4000-8000-0000000000ff",
        principalId: newSpId,
        principalType: "ServicePrincipal",
        role: "Reader",
        scope: `/subscriptions/${SUBSCRIPTION.litware}`,
        createdOn: new Date().toISOString(),
      });
    sandbox.loadWorld(granted);
    const groups = await fetch(rgUrl, { headers: auth });
    expect(groups.status).toBe(200);
    expect(((await groups.json()) as { value: unknown[] }).value.length).toBeGreaterThan(0);
  });
});

describe("seed 001: one managed identity, a Graph token per tenant", () => {
  async function graphLoop(): Promise<Record<string, string>> {
    const results: Record<string, string> = {};
    for (const tenantId of [TENANT.contoso, TENANT.litware, TENANT.fabrikam]) {
      const exchanged = await rawExchange(tenantId, CONNECTOR_APP.appId, await miAssertion(), "https://graph.microsoft.com/.default");
      if (exchanged.status !== 200) {
        results[tenantId] = `AADSTS${(exchanged.body.error_codes as number[])[0]}`;
        continue;
      }
      const organization = await fetch(`${sandbox.origin}/graph/v1.0/organization`, { headers: { authorization: `Bearer ${String(exchanged.body.access_token)}` } });
      results[tenantId] = organization.ok ? ((await organization.json()) as { value: { displayName: string }[] }).value[0]!.displayName : `HTTP ${organization.status}`;
    }
    return results;
  }

  it("reaches every tenant that consented the app, and Fabrikam once its admin consents", async () => {
    expect(await graphLoop()).toEqual({ [TENANT.contoso]: "Contoso", [TENANT.litware]: "Litware", [TENANT.fabrikam]: "AADSTS700016" });

    const consentUrl = `${sandbox.origin}/fabrikam.example/adminconsent?client_id=${CONNECTOR_APP.appId}`;
    const picker = await openAuthorize(consentUrl);
    if (picker.kind !== "page") throw new Error("expected the account picker");
    const done = await pickAccount(consentUrl, picker.html, USER.fabrikamAdmin.upn);
    expect(done.kind === "page" && done.html).toContain('id="admin-consent-granted"');

    expect(await graphLoop()).toEqual({ [TENANT.contoso]: "Contoso", [TENANT.litware]: "Litware", [TENANT.fabrikam]: "Fabrikam" });
  });

  it("an admin opening the app's (v1) sign-in URL provisions its service principal, without permissions", async () => {
    const signInUrl = `${sandbox.origin}/${TENANT.fabrikam}/oauth2/authorize?client_id=${CONNECTOR_APP.appId}&response_type=code&redirect_uri=${encodeURIComponent("http://localhost/api/connectors/admin-consent/callback")}`;
    const picker = await openAuthorize(signInUrl);
    if (picker.kind !== "page") throw new Error("expected the account picker");
    const signedIn = await pickAccount(signInUrl, picker.html, USER.fabrikamAdmin.upn);
    expect(signedIn.kind === "redirect" && new URL(signedIn.location).searchParams.get("code")).toBeTruthy();

    const exchanged = await rawExchange(TENANT.fabrikam, CONNECTOR_APP.appId, await miAssertion(), "https://graph.microsoft.com/.default");
    expect(exchanged.status).toBe(200);
    expect(decodeJwt(String(exchanged.body.access_token)).roles).toBeUndefined();
    // The token has no Graph application permission yet: Graph refuses, as in Entra.
    const organization = await fetch(`${sandbox.origin}/graph/v1.0/organization`, { headers: { authorization: `Bearer ${String(exchanged.body.access_token)}` } });
    expect(organization.status).toBe(403);
  });

  it("refuses admin consent from a user who is not an admin of the tenant", async () => {
    const consentUrl = `${sandbox.origin}/${TENANT.litware}/adminconsent?client_id=${CONNECTOR_APP.appId}`;
    const picker = await openAuthorize(consentUrl);
    if (picker.kind !== "page") throw new Error("expected the account picker");
    const intern = await pickAccount(consentUrl, picker.html, USER.litwareIntern.upn);
    expect(intern.kind === "page" && intern.html).toContain('data-error-code="90094"');
    const outsider = await pickAccount(consentUrl, picker.html, USER.fabrikamAdmin.upn);
    expect(outsider.kind === "page" && outsider.html).toContain('data-error-code="50020"');
  });
});
