// The Microsoft Graph subset, called with tokens from the real msal-node (delegated) and from
// the FIC exchange (app-only): reading the connector app, creating its FIC only with the right
// to, and reading service principals and the organization per tenant.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { portalClient, signInAs } from "../testing/portal-sign-in";
import { admin, postForm, startTestSandbox } from "../testing/test-sandbox";
import { AGENT_IDENTITY, CONNECTOR_APP, RESOURCE, SANDBOX_SECRET, TENANT, USER, WRONG_SUBJECT_APP } from "../world/default/ids";
import { TOKEN_EXCHANGE_AUDIENCE } from "../world/issuer";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await admin(sandbox, "POST", "/reset");
});
afterAll(async () => {
  await sandbox.stop();
});

const GRAPH_WRITE = "https://graph.microsoft.com/Application.ReadWrite.All";

/** Contoso consented Application.ReadWrite.All for the portal; other tenants only User.Read. */
async function delegatedGraphToken(upn: string, tenant: string, scope = GRAPH_WRITE): Promise<string> {
  return (await signInAs(portalClient(sandbox, tenant), upn, [scope])).result.accessToken;
}

async function appGraphToken(tenantId: string): Promise<string> {
  const response = await postForm(`${sandbox.origin}/${tenantId}/oauth2/v2.0/token`, {
    grant_type: "client_credentials",
    client_id: CONNECTOR_APP.appId,
    client_secret: SANDBOX_SECRET.connector,
    scope: "https://graph.microsoft.com/.default",
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

function graph(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sandbox.origin}/graph/v1.0${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) } });
}

const newFic = (name: string) => ({
  name,
  issuer: `${sandbox.origin}/${TENANT.contoso}/v2.0`,
  subject: AGENT_IDENTITY.principalId,
  audiences: [TOKEN_EXCHANGE_AUDIENCE],
  description: "created through Graph",
});

describe("applications and federated identity credentials", () => {
  it("reads the connector app by app id and by object id, with its FIC's issuer on the sandbox origin", async () => {
    const token = await delegatedGraphToken(USER.contosoReader.upn, TENANT.contoso);
    const byAppId = await graph(`/applications(appId='${CONNECTOR_APP.appId}')`, token);
    expect(byAppId.status).toBe(200);
    const app = (await byAppId.json()) as Record<string, unknown>;
    expect(app).toMatchObject({ id: CONNECTOR_APP.objectId, appId: CONNECTOR_APP.appId, signInAudience: "AzureADMultipleOrgs" });
    expect(JSON.stringify(app)).not.toContain(SANDBOX_SECRET.connector);
    expect((await graph(`/applications/${CONNECTOR_APP.objectId}`, token)).status).toBe(200);
    const fics = (await (await graph(`/applications/${CONNECTOR_APP.objectId}/federatedIdentityCredentials`, token)).json()) as { value: { issuer: string; subject: string }[] };
    expect(fics.value).toEqual([expect.objectContaining({ issuer: `${sandbox.origin}/${TENANT.contoso}/v2.0`, subject: AGENT_IDENTITY.principalId })]);
  });

  it("hides other tenants' applications", async () => {
    const token = await delegatedGraphToken(USER.litwareDev.upn, "organizations", "User.Read");
    const response = await graph(`/applications(appId='${CONNECTOR_APP.appId}')`, token);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "Request_ResourceNotFound", innerError: expect.objectContaining({ "request-id": expect.any(String) }) } });
  });

  it("403 Authorization_RequestDenied for a user who neither owns the app nor is an admin", async () => {
    const token = await delegatedGraphToken(USER.contosoReader.upn, TENANT.contoso);
    const response = await graph(`/applications/${CONNECTOR_APP.objectId}/federatedIdentityCredentials`, token, { method: "POST", body: JSON.stringify(newFic("reader-attempt")) });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." } });
  });

  it("the owner creates a FIC that the exchange then honours", async () => {
    const exchange = async () => {
      const mi = await fetch(`${sandbox.env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=${TOKEN_EXCHANGE_AUDIENCE}&client_id=${AGENT_IDENTITY.clientId}`, {
        headers: { "X-IDENTITY-HEADER": sandbox.env.IDENTITY_HEADER! },
      });
      const assertion = ((await mi.json()) as { access_token: string }).access_token;
      const response = await postForm(`${sandbox.origin}/${TENANT.litware}/oauth2/v2.0/token`, {
        grant_type: "client_credentials",
        client_id: WRONG_SUBJECT_APP.appId,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
        scope: `${RESOURCE.azureDevOps.appId}/.default`,
      });
      return (await response.json()) as { error_codes?: number[]; access_token?: string };
    };
    expect((await exchange()).error_codes).toEqual([700213]);

    const token = await delegatedGraphToken(USER.contosoAdmin.upn, TENANT.contoso);
    const created = await graph(`/applications(appId='${WRONG_SUBJECT_APP.appId}')/federatedIdentityCredentials`, token, { method: "POST", body: JSON.stringify(newFic("agent-principal-id")) });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: "agent-principal-id", subject: AGENT_IDENTITY.principalId, id: expect.any(String) });
    const list = (await (await graph(`/applications/${WRONG_SUBJECT_APP.objectId}/federatedIdentityCredentials`, token)).json()) as { value: unknown[] };
    expect(list.value).toHaveLength(2);

    expect((await exchange()).access_token).toEqual(expect.any(String));
  });

  it("validates like Graph: required fields, name rules, uniqueness, at most 20", async () => {
    const token = await delegatedGraphToken(USER.contosoAdmin.upn, TENANT.contoso);
    const post = (body: unknown) => graph(`/applications/${CONNECTOR_APP.objectId}/federatedIdentityCredentials`, token, { method: "POST", body: JSON.stringify(body) });
    const { subject: _subject, ...withoutSubject } = newFic("no-subject");
    expect((await post(withoutSubject)).status).toBe(400);
    expect((await post(newFic("x"))).status).toBe(400);
    expect((await post(newFic("has spaces in it"))).status).toBe(400);
    expect((await post({ ...newFic("no-audience"), audiences: [] })).status).toBe(400);
    expect((await post(newFic("agent-identity"))).status).toBe(409);
    for (let i = 1; i < 20; i += 1) expect((await post(newFic(`fic-${i}`))).status).toBe(201);
    const tooMany = await post(newFic("fic-21"));
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(await tooMany.json())).toContain("maximum limit of 20");
  });
});

describe("service principals and organization", () => {
  it("tells whether an app is provisioned in the caller's tenant", async () => {
    const litware = await appGraphToken(TENANT.litware);
    const sp = await graph(`/servicePrincipals(appId='${CONNECTOR_APP.appId}')`, litware);
    expect(sp.status).toBe(403); // the connector app holds Organization.Read.All only
    const token = await delegatedGraphToken(USER.litwareDev.upn, "organizations", "User.Read");
    const found = (await (await graph(`/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${CONNECTOR_APP.appId}'`)}`, token)).json()) as { value: { id: string }[] };
    expect(found.value).toEqual([expect.objectContaining({ id: CONNECTOR_APP.spLitware, accountEnabled: true, appOwnerOrganizationId: TENANT.contoso })]);
    const fabrikamToken = await delegatedGraphToken(USER.fabrikamAdmin.upn, "organizations", "User.Read");
    expect((await graph(`/servicePrincipals(appId='${CONNECTOR_APP.appId}')`, fabrikamToken)).status).toBe(404);
    expect((await graph(`/servicePrincipals(appId='${RESOURCE.azureDevOps.appId}')`, fabrikamToken)).status).toBe(200);
  });

  it("reads the organization with the app-only token of each tenant, and /me for users", async () => {
    const organization = (await (await graph("/organization", await appGraphToken(TENANT.litware))).json()) as { value: { id: string; displayName: string }[] };
    expect(organization.value[0]).toMatchObject({ id: TENANT.litware, displayName: "Litware" });
    const me = (await (await graph("/me", await delegatedGraphToken(USER.litwareDev.upn, "organizations", "User.Read"))).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ id: USER.litwareDev.oid, userPrincipalName: USER.litwareDev.upn });
  });

  it("401 for a token of another audience", async () => {
    const client = portalClient(sandbox);
    const { result } = await signInAs(client, USER.litwareDev.upn, [`${RESOURCE.azureDevOps.appId}/user_impersonation`]);
    const response = await graph("/organization", result.accessToken);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "InvalidAuthenticationToken" } });
  });
});
