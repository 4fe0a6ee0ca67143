// The token API and API tokens against the sandbox cloud, with the real @azure/identity
// ManagedIdentityCredential getting the agent's token for the portal's API from the sandbox's
// managed identity endpoint, jose verifying it against the tenant's published keys, and the broker
// exchanging it for Litware. Route handlers are called the way Next.js calls them.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManagedIdentityCredential } from "@azure/identity";
import { decodeJwt, SignJWT } from "jose";
import { DEFAULT_DATA_DIR } from "@/sandbox/server";
import { postForm } from "@/sandbox/testing/test-sandbox";
import { loadSigningKey } from "@/sandbox/tls/signing-key";
import { AGENT_IDENTITY, CONNECTOR_APP, HOST_IDENTITY, PORTAL_APP, RESOURCE, SANDBOX_SECRET, TENANT } from "@/sandbox/world/default/ids";
import { adoConnector, JWT_PATTERN, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { resetSecurityEventLimitsForTests } from "@/lib/server/auth/security-events";
import { AGENT_TOKEN_BURST, resetAgentTokenRateLimit } from "@/lib/server/agent/issue-agent-token";
import { POST as tokenRoute } from "./route";
import { GET as listIdentitiesRoute, POST as createIdentityRoute } from "../../agent-identities/route";
import { DELETE as deleteIdentityRoute, PATCH as patchIdentityRoute } from "../../agent-identities/[id]/route";
import { GET as listTokensRoute, POST as createTokenRoute } from "../../api-tokens/route";
import { DELETE as revokeTokenRoute } from "../../api-tokens/[id]/route";
import { GET as listConnectorsRoute, POST as createConnectorRoute } from "../../connectors/route";
import { POST as chainTestRoute } from "../../connectors/[id]/test/route";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";

const PORTAL_RESOURCE = `api://${PORTAL_APP.appId}`;
let cookie = "";

// Everything the process writes while these tests run, to show that no token reaches a log.
const written: string[] = [];
const originalStdout = process.stdout.write.bind(process.stdout);
const originalStderr = process.stderr.write.bind(process.stderr);

const sandbox = sandboxForFile((running) => {
  usePortalEnvironment(running);
  const capture = (original: typeof originalStdout) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return (original as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
  process.stdout.write = capture(originalStdout);
  process.stderr.write = capture(originalStderr);
});
afterAll(() => {
  process.stdout.write = originalStdout;
  process.stderr.write = originalStderr;
});

type ErrorBody = { error: { code: string; message: string; hint?: string; fields?: { field: string }[]; decoded?: { code: string; fix: string } } };

const tokenRequest = (body: unknown, authorization?: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/agent/token", {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}), ...headers },
    body: JSON.stringify(body),
  });

const withCookie = (url: string, method = "GET", body?: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const withBearer = (url: string, token: string, method = "GET", body?: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** The managed identity endpoint's raw answer, for tokens the credential class would not ask for. */
async function miToken(resource: string, clientId: string): Promise<string> {
  const url = new URL(`${sandbox.miOrigin}/msi/token`);
  url.search = new URLSearchParams({ "api-version": "2019-08-01", resource, client_id: clientId }).toString();
  const response = await fetch(url, { headers: { "x-identity-header": sandbox.env.IDENTITY_HEADER! } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function agentToken(): Promise<string> {
  const credential = new ManagedIdentityCredential({ clientId: AGENT_IDENTITY.clientId });
  const token = await credential.getToken(`${PORTAL_RESOURCE}/.default`);
  return token.token;
}

async function refusal(response: Response, status: number, reason?: string): Promise<ErrorBody> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as ErrorBody;
  if (status === 401) {
    const challenge = response.headers.get("www-authenticate") ?? "";
    expect(challenge).toMatch(/^Bearer realm="TenantBridge"/);
    if (reason) expect(challenge).toContain(`error_description="${reason}:`);
  }
  expect(JSON.stringify(body)).not.toMatch(JWT_PATTERN);
  return body;
}

describe("the agent token API and API tokens", () => {
  const t = useApiTestContext("sqlite", {
    sandbox,
    reset: [forgetBrokerTokens, resetAgentTokenRateLimit, resetSecurityEventLimitsForTests],
    tables: ["auditEvent", "agentIdentity", "apiToken", "connector", "organization"],
  });
  let identityId = "";
  const issued: string[] = [];

  beforeAll(() => {
    cookie = t.cookies.admin;
  });
  beforeEach(async () => {
    await adoConnector(t.current.db, "litware");
    const created = await createIdentityRoute(
      withCookie("/api/agent-identities", "POST", {
        tenantId: TENANT.contoso,
        principalId: AGENT_IDENTITY.principalId,
        displayName: "Contoso agent",
        assignments: [{ organization: "Litware" }],
      }),
    );
    expect(created.status).toBe(201);
    identityId = ((await created.json()) as { id: string }).id;
  });
  afterEach(() => {
    // No token the tests handled was ever written to the log.
    const log = written.join("");
    for (const token of issued.splice(0)) expect(log).not.toContain(token);
    expect(log).not.toMatch(JWT_PATTERN);
    expect(log).not.toMatch(/tb_[A-Za-z0-9_-]{43}/);
  });

  it("gives the registered agent identity a working Azure DevOps token for Litware, and audits it without the token", async () => {
    const bearer = await agentToken();
    issued.push(bearer);
    const response = await tokenRoute(tokenRequest({ organization: "Litware" }, `Bearer ${bearer}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { authorization: string; expiresOn: string; method: string };
    expect(body).toMatchObject({ method: "mi_fic", authorization: expect.stringMatching(/^Bearer eyJ/) });
    expect(Date.parse(body.expiresOn)).toBeGreaterThan(Date.now());
    issued.push(body.authorization.slice("Bearer ".length));
    const projects = await fetch(`${sandbox.origin}/ado/litware/_apis/projects?api-version=7.1`, {
      headers: { authorization: body.authorization, "x-tfs-fedauthredirect": "Suppress" },
    });
    expect(projects.status).toBe(200);

    const audit = await t.current.db.auditEvent.findMany({ where: { action: "agent.token_issued" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: `agent:${identityId}`, actorName: "Agent identity 'Contoso agent'", targetType: "agent_identity", targetId: identityId });
    expect(audit[0]!.summary).toContain("litware");
    const everything = JSON.stringify(await t.current.db.auditEvent.findMany());
    expect(everything).not.toMatch(JWT_PATTERN);
  });

  it("refuses a token for another audience with 401 naming the audience to ask for", async () => {
    const bearer = await miToken(RESOURCE.azureDevOps.uri, AGENT_IDENTITY.clientId);
    issued.push(bearer);
    const body = await refusal(await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${bearer}`)), 401, "wrong_audience");
    expect(body.error.hint).toContain(PORTAL_RESOURCE);
  });

  it("refuses a token from another tenant with 401 before fetching that tenant's keys", async () => {
    const response = await postForm(`${sandbox.origin}/${TENANT.litware}/oauth2/v2.0/token`, {
      grant_type: "client_credentials",
      client_id: CONNECTOR_APP.appId,
      client_secret: SANDBOX_SECRET.connector,
      scope: `${PORTAL_RESOURCE}/.default`,
    });
    expect(response.status).toBe(200);
    const bearer = ((await response.json()) as { access_token: string }).access_token;
    issued.push(bearer);
    expect(decodeJwt(bearer).tid).toBe(TENANT.litware);
    const body = await refusal(await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${bearer}`)), 401, "tenant_not_registered");
    expect(body.error.message).toContain(TENANT.litware);
  });

  it("refuses an identity of the right tenant that is not registered with 403 naming it", async () => {
    const bearer = await miToken(PORTAL_RESOURCE, HOST_IDENTITY.clientId);
    issued.push(bearer);
    const body = await refusal(await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${bearer}`)), 403);
    expect(body.error.message).toContain(HOST_IDENTITY.principalId);
    expect(body.error.message).toContain("not a registered agent identity");
  });

  it("refuses an expired token and a tampered one with 401 and the reason", async () => {
    const valid = await miToken(PORTAL_RESOURCE, AGENT_IDENTITY.clientId);
    issued.push(valid);
    // The tenant's own key signs a token that expired an hour ago.
    const key = loadSigningKey(DEFAULT_DATA_DIR);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...decodeJwt(valid), iat: now - 7200, nbf: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ typ: "JWT", alg: "RS256", kid: key.kid, x5t: key.kid })
      .sign(key.privateKey);
    issued.push(expired);
    await refusal(await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${expired}`)), 401, "token_expired");

    // The same signature on a payload that names another audience.
    const [header, , signature] = valid.split(".");
    const payload = Buffer.from(JSON.stringify({ ...decodeJwt(valid), aud: "api://something-else" })).toString("base64url");
    const tampered = `${header}.${payload}.${signature}`;
    issued.push(tampered);
    await refusal(await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${tampered}`)), 401, "invalid_signature");
    expect(await t.current.db.auditEvent.count({ where: { action: "agent.token_issued" } })).toBe(0);
  });

  it("refuses an organization that is not assigned to the identity with 403 naming it, and a missing header with 401", async () => {
    const bearer = await agentToken();
    issued.push(bearer);
    const body = await refusal(await tokenRoute(tokenRequest({ organization: "fabrikam" }, `Bearer ${bearer}`)), 403);
    expect(body.error.message).toContain("'fabrikam'");
    expect(body.error.hint).toContain("Agent access");
    await refusal(await tokenRoute(tokenRequest({ organization: "litware" })), 401);
    await refusal(await tokenRoute(tokenRequest({ organization: "litware" }, "Basic dXNlcjpwYXNz")), 401);
  });

  it("answers an assigned organization without a connector with 404, and a bad body with 422 naming the field", async () => {
    const bearer = await agentToken();
    issued.push(bearer);
    const identity = (await (await listIdentitiesRoute(withCookie("/api/agent-identities"))).json()) as { items: { id: string; version: number }[] };
    const patched = await patchIdentityRoute(
      withCookie(`/api/agent-identities/${identityId}`, "PATCH", { version: identity.items[0]!.version, assignments: [{ organization: "litware" }, { organization: "northwind" }] }),
      params(identityId),
    );
    expect(patched.status).toBe(200);
    const missing = await refusal(await tokenRoute(tokenRequest({ organization: "northwind" }, `Bearer ${bearer}`)), 404);
    expect(missing.error.message).toContain("northwind");
    const bad = await refusal(await tokenRoute(tokenRequest({ organization: "no spaces allowed" }, `Bearer ${bearer}`)), 422);
    expect(JSON.stringify(bad.error.fields)).toContain("organization");
  });

  it("answers the broker's decoded failure for a connector whose exchange fails", async () => {
    await t.current.db.connector.deleteMany();
    await t.current.db.organization.deleteMany();
    // The app has no service principal in Fabrikam: AADSTS700016 with the consent link.
    await adoConnector(t.current.db, "litware", {
      authMethod: "mi_fic",
      agentTenantId: TENANT.contoso,
      miClientId: AGENT_IDENTITY.clientId,
      miPrincipalId: AGENT_IDENTITY.principalId,
      appClientId: CONNECTOR_APP.appId,
      targetTenantId: TENANT.fabrikam,
    });
    const bearer = await agentToken();
    issued.push(bearer);
    const body = await refusal(await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${bearer}`)), 502);
    expect(body.error.decoded?.code).toContain("AADSTS700016");
    expect(body.error.decoded?.fix).toBeTruthy();
    const audit = await t.current.db.auditEvent.findMany({ where: { action: "agent.token_failed" } });
    expect(audit.map((event) => event.actorName)).toEqual(["Agent identity 'Contoso agent'"]);
  });

  it("limits each identity's requests: the burst passes, the next one is 429 with Retry-After", async () => {
    const bearer = await agentToken();
    issued.push(bearer);
    for (let i = 0; i < AGENT_TOKEN_BURST; i++) {
      expect((await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${bearer}`))).status).toBe(200);
    }
    // The bucket refills while the burst runs, so the refusal comes within a few more requests.
    let limited: Response | undefined;
    for (let i = 0; i < 20 && !limited; i++) {
      const response = await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${bearer}`));
      if (response.status !== 200) limited = response;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited!.json()) as ErrorBody).error.message).toContain("Agent identity 'Contoso agent'");
  });

  it("stops accepting an identity's tokens once it is removed", async () => {
    const bearer = await agentToken();
    issued.push(bearer);
    expect((await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${bearer}`))).status).toBe(200);
    expect((await deleteIdentityRoute(withCookie(`/api/agent-identities/${identityId}?version=1`, "DELETE"), params(identityId))).status).toBe(204);
    await refusal(await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${bearer}`)), 401, "tenant_not_registered");
  });

  async function createToken(name: string, scope: "read" | "write", expiresInDays = 30): Promise<{ token: string; id: string }> {
    const response = await createTokenRoute(withCookie("/api/api-tokens", "POST", { name, scope, expiresInDays }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { token: string; apiToken: { id: string; last4: string } };
    expect(body.token).toMatch(/^tb_[A-Za-z0-9_-]{43}$/);
    expect(body.apiToken.last4).toBe(body.token.slice(-4));
    issued.push(body.token);
    return { token: body.token, id: body.apiToken.id };
  }

  it("stores only a hash of an API token and never lists the token again", async () => {
    const { token } = await createToken("ci", "write");
    const rows = await t.current.db.apiToken.findMany();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const list = await (await listTokensRoute(withCookie("/api/api-tokens"))).text();
    expect(list).not.toContain(token);
    expect(list).toContain('"state":"active"');
  });

  it("lets a read-scope API token read but not write, and not get credentials", async () => {
    const { token } = await createToken("dashboards", "read");
    const list = await listConnectorsRoute(withBearer("/api/connectors", token));
    expect(list.status).toBe(200);
    const before = await t.current.db.connector.count();
    const write = await refusal(await createConnectorRoute(withBearer("/api/connectors", token, "POST", { kind: "ado", organization: "northwind", authMethod: "pat" })), 403);
    expect(write.error.message).toContain("API token 'dashboards'");
    expect(await t.current.db.connector.count()).toBe(before);
    const credential = await refusal(await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${token}`)), 403);
    expect(credential.error.message).toContain("read scope");
  });

  it("lets a write-scope API token create a connector and run its chain test, from any origin, and names it in the audit log", async () => {
    const { token } = await createToken("terraform", "write");
    const created = await createConnectorRoute(
      withBearer(
        "/api/connectors",
        token,
        "POST",
        { kind: "ado", organization: "contoso-ci", authMethod: "mi_fic", appClientId: CONNECTOR_APP.appId, targetTenantId: TENANT.litware },
        {
          origin: "https://ci.example",
        },
      ),
    );
    expect(created.status).toBe(201);
    const connector = (await created.json()) as { id: string };
    const run = await chainTestRoute(withBearer(`/api/connectors/${connector.id}/test`, token, "POST"), params(connector.id));
    expect(run.status).toBe(200);
    expect(((await run.json()) as { checks: unknown[] }).checks.length).toBeGreaterThan(0);
    const audit = await t.current.db.auditEvent.findMany({ where: { action: "connector.created" } });
    expect(audit[0]).toMatchObject({ actorName: "API token 'terraform'", actorId: expect.stringMatching(/^api-token:/) });
    // It still cannot manage tokens or identities: that needs a signed-in administrator.
    await refusal(await createTokenRoute(withBearer("/api/api-tokens", token, "POST", { name: "escalate", scope: "write", expiresInDays: 1 })), 403);
    await refusal(await listIdentitiesRoute(withBearer("/api/agent-identities", token)), 403);
    // And the token API gives it a credential for any organization with a connector.
    const credential = await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${token}`));
    expect(credential.status).toBe(200);
    issued.push(((await credential.json()) as { authorization: string }).authorization.slice("Bearer ".length));
  });

  it("refuses a revoked API token at once, and an expired one, with 401 and the reason", async () => {
    const { token, id } = await createToken("short-lived", "write");
    expect((await listConnectorsRoute(withBearer("/api/connectors", token))).status).toBe(200);
    expect((await revokeTokenRoute(withCookie(`/api/api-tokens/${id}`, "DELETE"), params(id))).status).toBe(200);
    await refusal(await listConnectorsRoute(withBearer("/api/connectors", token)), 401, "token_revoked");
    await refusal(await tokenRoute(tokenRequest({ organization: "litware" }, `Bearer ${token}`)), 401, "token_revoked");
    const revoked = await t.current.db.auditEvent.findMany({ where: { action: "api_token.revoked" } });
    expect(revoked[0]!.summary).toContain("short-lived");

    const other = await createToken("lapsed", "read");
    await t.current.db.apiToken.update({ where: { id: other.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await refusal(await listConnectorsRoute(withBearer("/api/connectors", other.token)), 401, "token_expired");
  });

  it("never mixes a bearer with the cookie: a bad bearer is refused even with an admin's cookie, and cookie writes keep the Origin rule", async () => {
    const bad = new Request("http://localhost/api/connectors", { headers: { cookie, authorization: "Bearer tb_" + "x".repeat(43) } });
    await refusal(await listConnectorsRoute(bad), 401, "unknown_token");
    const jwt = new Request("http://localhost/api/connectors", { headers: { cookie, authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln" } });
    await refusal(await listConnectorsRoute(jwt), 401, "not_an_api_token");
    const crossSite = new Request("http://localhost/api/connectors", {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ kind: "ado", organization: "evil", authMethod: "pat" }),
    });
    await refusal(await createConnectorRoute(crossSite), 403);
  });
});
