// The admin API: loading, validating and resetting worlds, token lifetimes, and fault injection
// on every listener (latency on every call, throttling with Retry-After, 5xx, hangs).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { admin, cloneWorld, postForm, startTestSandbox } from "../testing/test-sandbox";
import { AGENT_IDENTITY, CONNECTOR_APP, SANDBOX_SECRET, TENANT } from "../world/default/ids";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await admin(sandbox, "DELETE", "/faults");
  await admin(sandbox, "POST", "/reset");
});
afterAll(async () => {
  await sandbox.stop();
});

const tokenRequest = () =>
  postForm(`${sandbox.origin}/${TENANT.litware}/oauth2/v2.0/token`, {
    grant_type: "client_credentials",
    client_id: CONNECTOR_APP.appId,
    client_secret: SANDBOX_SECRET.connector,
    scope: "https://management.azure.com/.default",
  });
const miRequest = () =>
  fetch(`${sandbox.miOrigin}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=api://AzureADTokenExchange&client_id=${AGENT_IDENTITY.clientId}`, { headers: { Metadata: "true" } });

describe("worlds", () => {
  it("returns the loaded world, loads a valid one and resets to the default", async () => {
    const current = (await (await admin(sandbox, "GET", "/world")).json()) as { name: string };
    expect(current.name).toBe("default");
    const world = cloneWorld(sandbox);
    world.name = "no-fabrikam";
    world.tenants = world.tenants.filter((t) => t.id !== TENANT.fabrikam);
    world.users = world.users.filter((u) => u.tenantId !== TENANT.fabrikam);
    const loaded = await admin(sandbox, "PUT", "/world", world);
    expect(loaded.status).toBe(200);
    expect((await fetch(`${sandbox.origin}/${TENANT.fabrikam}/v2.0/.well-known/openid-configuration`)).status).toBe(400);
    expect((await admin(sandbox, "POST", "/reset")).status).toBe(200);
    expect((await fetch(`${sandbox.origin}/${TENANT.fabrikam}/v2.0/.well-known/openid-configuration`)).status).toBe(200);
  });

  it("answers 422 with the issues of an invalid world", async () => {
    const world = cloneWorld(sandbox) as unknown as Record<string, unknown>;
    const invalidShape = await admin(sandbox, "PUT", "/world", { ...world, tenants: [{ id: "not-a-guid" }] });
    expect(invalidShape.status).toBe(422);
    const body = (await invalidShape.json()) as { issues: { path: string[]; message: string }[] };
    expect(body.issues.some((issue) => issue.path.join(".").startsWith("tenants.0"))).toBe(true);

    const dangling = cloneWorld(sandbox);
    dangling.servicePrincipals.push({
      id: "00000000-0000-4000-8000-0000000000aa",
      appId: "00000000-0000-4000-8000-0000000000bb",
      tenantId: TENANT.litware,
      enabled: true,
      appRoleAssignments: [],
      delegatedGrants: [],
    });
    const response = await admin(sandbox, "PUT", "/world", dangling);
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain("no application or first-party resource");
    expect(sandbox.world().name).toBe("default");
  });

  it("changes token lifetimes without touching the others", async () => {
    const updated = await admin(sandbox, "PUT", "/token-lifetimes", { accessTokenSeconds: 60 });
    expect(await updated.json()).toMatchObject({ accessTokenSeconds: 60, managedIdentitySeconds: 86399 });
    const token = (await (await tokenRequest()).json()) as { expires_in: number };
    expect(token.expires_in).toBe(60);
    expect((await admin(sandbox, "PUT", "/token-lifetimes", { accessTokenSeconds: -1 })).status).toBe(422);
  });
});

describe("faults", () => {
  it("adds latency to every upstream call, on both listeners", async () => {
    await admin(sandbox, "POST", "/faults", { path: ".*", latencyMs: 150 });
    for (const call of [tokenRequest, miRequest, () => fetch(`${sandbox.origin}/organizations/v2.0/.well-known/openid-configuration`)]) {
      const started = performance.now();
      expect((await call()).ok).toBe(true);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    }
    // The admin API is never slowed down or faulted.
    const started = performance.now();
    await admin(sandbox, "GET", "/faults");
    expect(performance.now() - started).toBeLessThan(145);
  });

  it("throttles with Retry-After a given number of times", async () => {
    await admin(sandbox, "POST", "/faults", { path: "/", method: "POST", status: 429, retryAfterSeconds: 7, times: 1 });
    const throttled = await tokenRequest();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect((await tokenRequest()).status).toBe(200);
  });

  it("answers 5xx for a path prefix only", async () => {
    await admin(sandbox, "POST", "/faults", { path: "/metadata/identity", status: 503 });
    expect((await miRequest()).status).toBe(503);
    expect((await tokenRequest()).status).toBe(200);
    await admin(sandbox, "DELETE", "/faults");
    expect((await miRequest()).status).toBe(200);
  });

  it("hangs a request until the client gives up", async () => {
    await admin(sandbox, "POST", "/faults", { path: `^/${TENANT.litware}/oauth2/v2\\.0/token$`, hang: true, times: 1 });
    await expect(fetch(`${sandbox.origin}/${TENANT.litware}/oauth2/v2.0/token`, { method: "POST", body: "grant_type=client_credentials", signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await tokenRequest()).status).toBe(200);
  });

  it("rejects a fault it cannot apply", async () => {
    expect((await admin(sandbox, "POST", "/faults", { path: "(", status: 429 })).status).toBe(422);
    expect((await admin(sandbox, "POST", "/faults", { path: "/", status: 404 })).status).toBe(422);
  });
});
