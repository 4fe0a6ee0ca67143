// The deployment surface of the standalone server the Docker image runs: liveness and readiness
// probes, the container HEALTHCHECK script, /metrics behind its token, and request ids that an
// operator can quote from an error and find upstream (the sandbox records x-ms-client-request-id).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { deleteAllConnectors, expect, test } from "../fixtures";
import { E2E_METRICS_TOKEN } from "../metrics-token";
import { resetSandbox } from "../oauth/sandbox-admin";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "../../sandbox/world/default/ids";

const healthcheck = (base: string) => spawnSync(process.execPath, [path.resolve("scripts/healthcheck.mjs"), base], { encoding: "utf8", timeout: 10_000 });

test.describe("deployment probes", () => {
  test.use({ role: "none" });

  test("liveness and readiness answer without a session and name no secrets", async ({ api }) => {
    const live = await api.get("/api/health/live");
    expect(live.status()).toBe(200);
    expect(await live.json()).toEqual({ status: "live" });
    const ready = await api.get("/api/health/ready");
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", encryption: "ok" } });
    expect((await api.get("/api/health")).status()).toBe(200);
  });

  test("the container HEALTHCHECK script passes against the portal and fails against a closed port", async ({ baseURL }) => {
    expect(healthcheck(baseURL!).status).toBe(0);
    const closed = healthcheck("http://127.0.0.1:9");
    expect(closed.status).toBe(1);
    expect(closed.stderr).toContain("/api/health/live did not answer");
  });

  test("/metrics needs the scrape token: 401 without it or with another one", async ({ api }) => {
    expect((await api.get("/metrics")).status()).toBe(401);
    expect((await api.get("/metrics", { headers: { authorization: "Bearer not-the-metrics-token" } })).status()).toBe(401);
    const scrape = await api.get("/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
    expect(scrape.status()).toBe(200);
    const text = await scrape.text();
    expect(text).toContain("# TYPE tenantbridge_checks_total counter");
    expect(text).toMatch(/^tenantbridge_http_requests_total\{method="GET",status="2xx"\} \d+/m);
  });

  test("an error quotes the request id the proxy sent, and a malformed one is replaced", async ({ api }) => {
    const kept = await api.get("/api/connectors", { headers: { "x-request-id": "0123456789abcdef0123456789abcdef" } });
    expect(kept.status()).toBe(401);
    expect(kept.headers()["x-request-id"]).toBe("0123456789abcdef0123456789abcdef");
    expect((await kept.json()).error.requestId).toBe("0123456789abcdef0123456789abcdef");

    const replaced = await api.get("/api/connectors", { headers: { "x-request-id": "<script>" } });
    const { error } = await replaced.json();
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.headers()["x-request-id"]).toBe(error.requestId);
  });
});

test.describe("request ids upstream", () => {
  test("a chain test's calls to Entra ID and Azure DevOps carry the request id as x-ms-client-request-id", async ({ api }) => {
    await resetSandbox();
    await deleteAllConnectors(api);
    const created = await api.post("/api/connectors", {
      data: {
        kind: "ado",
        displayName: "Litware",
        organization: "litware",
        authMethod: "mi_fic",
        agentTenantId: TENANT.contoso,
        miClientId: AGENT_IDENTITY.clientId,
        miPrincipalId: AGENT_IDENTITY.principalId,
        appClientId: CONNECTOR_APP.appId,
        targetTenantId: TENANT.litware,
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const sandbox = process.env.TB_E2E_SANDBOX_ORIGIN!;
    await fetch(`${sandbox}/_sandbox/requests`, { method: "DELETE" });

    const requestId = "e2e-chain-test-0001";
    const run = await api.post(`/api/connectors/${id}/test`, { headers: { "x-request-id": requestId } });
    expect(run.status()).toBe(200);
    expect(run.headers()["x-request-id"]).toBe(requestId);

    const { requests } = (await (await fetch(`${sandbox}/_sandbox/requests`)).json()) as { requests: { path: string; clientRequestId: string | null }[] };
    const upstream = requests.filter((request) => request.path.startsWith("/ado/") || request.path.endsWith("/oauth2/v2.0/token"));
    expect(upstream.length).toBeGreaterThan(0);
    expect(upstream.every((request) => request.clientRequestId === requestId)).toBe(true);
  });
});
