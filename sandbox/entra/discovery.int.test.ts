// Discovery documents and keys as MSAL reads them, with CORS for browsers and Entra's 90002.
import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { postForm, startTestSandbox } from "../testing/test-sandbox";
import { CONNECTOR_APP, SANDBOX_SECRET, TENANT } from "../world/default/ids";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

const config = async (tenant: string, headers: Record<string, string> = {}) => fetch(`${sandbox.origin}/${tenant}/v2.0/.well-known/openid-configuration`, { headers });

describe("OpenID discovery", () => {
  it("serves a tenant's document, also by domain, with the issuer on the sandbox origin", async () => {
    for (const tenant of [TENANT.litware, "litware.example"]) {
      const doc = (await (await config(tenant)).json()) as Record<string, string>;
      expect(doc).toMatchObject({
        issuer: `${sandbox.origin}/${TENANT.litware}/v2.0`,
        token_endpoint: `${sandbox.origin}/${TENANT.litware}/oauth2/v2.0/token`,
        authorization_endpoint: `${sandbox.origin}/${TENANT.litware}/oauth2/v2.0/authorize`,
        jwks_uri: `${sandbox.origin}/${TENANT.litware}/discovery/v2.0/keys`,
      });
    }
  });

  it("uses the {tenantid} placeholder for organizations and common", async () => {
    for (const alias of ["organizations", "common"]) {
      const doc = (await (await config(alias)).json()) as Record<string, string>;
      expect(doc.issuer).toBe(`${sandbox.origin}/{tenantid}/v2.0`);
      expect(doc.token_endpoint).toBe(`${sandbox.origin}/${alias}/oauth2/v2.0/token`);
    }
  });

  it("AADSTS90002 (invalid_tenant) for an unknown tenant, echoing client-request-id", async () => {
    const response = await config("unknown.example", { "client-request-id": "corr-1" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "invalid_tenant", error_codes: [90002], correlation_id: "corr-1" });
    expect(String(body.error_description)).toMatch(
      /^AADSTS90002: Tenant 'unknown\.example' not found\..*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: corr-1\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s,
    );
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });

  it("publishes the signing key with kid and x5t matching the tokens' header", async () => {
    const { keys } = (await (await fetch(`${sandbox.origin}/${TENANT.contoso}/discovery/v2.0/keys`)).json()) as { keys: { kid: string; x5t: string; x5c: string[] }[] };
    const token = (await (
      await postForm(`${sandbox.origin}/${TENANT.litware}/oauth2/v2.0/token`, {
        grant_type: "client_credentials",
        client_id: CONNECTOR_APP.appId,
        client_secret: SANDBOX_SECRET.connector,
        scope: "https://management.azure.com/.default",
      })
    ).json()) as { access_token: string };
    const header = decodeProtectedHeader(token.access_token);
    expect(keys[0]).toMatchObject({ kid: header.kid, x5t: header.kid });
    expect(keys[0]!.x5c[0]).toMatch(/^MII/);
  });

  it("answers instance discovery for the sandbox host", async () => {
    const host = new URL(sandbox.origin).host;
    const body = (await (
      await fetch(`${sandbox.origin}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${sandbox.origin}/${TENANT.litware}/oauth2/v2.0/authorize`)}`)
    ).json()) as Record<string, unknown>;
    expect(body).toEqual({
      tenant_discovery_endpoint: `${sandbox.origin}/${TENANT.litware}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });
});

describe("CORS for browser clients", () => {
  it("echoes the Origin on discovery, keys and token, and answers preflights", async () => {
    const origin = "http://localhost:3000";
    expect((await config("organizations", { origin })).headers.get("access-control-allow-origin")).toBe(origin);
    expect((await fetch(`${sandbox.origin}/organizations/discovery/v2.0/keys`, { headers: { origin } })).headers.get("access-control-allow-origin")).toBe(origin);
    const preflight = await fetch(`${sandbox.origin}/organizations/oauth2/v2.0/token`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type");
    const failed = await postForm(`${sandbox.origin}/organizations/oauth2/v2.0/token`, { grant_type: "refresh_token", client_id: CONNECTOR_APP.appId, refresh_token: "bogus" }, { origin });
    expect(failed.headers.get("access-control-allow-origin")).toBe(origin);
  });
});
