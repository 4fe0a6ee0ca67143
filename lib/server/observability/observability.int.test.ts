// Metrics, request ids and the sandbox's view of them, against the sandbox cloud and SQLite:
// a scheduled sweep moves the counters /metrics serves; the metrics token is enforced; an error
// body quotes the request id; outbound calls carry it as x-ms-client-request-id.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { GET as getMetrics } from "@/app/api/metrics/route";
import { GET as getConnector } from "@/app/api/connectors/[id]/route";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { adoConnector, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { setDbForTests } from "@/lib/server/db/client";
import { scheduledCheck } from "@/lib/server/pipeline/run-check";
import { OrgThrottle } from "@/lib/server/scheduler/org-throttle";
import { runSweep } from "@/lib/server/scheduler/run-sweep";
import { useTestDb } from "@/lib/testing/test-db";
import { runWithRequestId } from "./request-context";

const METRICS_TOKEN = "observability-test-metrics-token";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
  process.env.TB_METRICS_TOKEN = METRICS_TOKEN;
  process.env.TB_LOG_LEVEL = "warn";
});
afterAll(async () => {
  await sandbox?.stop();
});

const scrape = (authorization?: string) => getMetrics(new Request("http://portal.test/api/metrics", { headers: authorization ? { authorization } : {} }));

/** The value of one sample line, e.g. sample(text, 'tenantbridge_checks_total{trigger="schedule",outcome="pass"}'). */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("observability on sqlite", () => {
  const t = useTestDb("sqlite");
  beforeAll(() => setDbForTests(t.current.db));
  beforeEach(async () => {
    await t.current.db.connector.deleteMany();
    await t.current.db.organization.deleteMany();
    await forgetBrokerTokens(t.current.db);
  });

  it("refuses a scrape without the metrics token (401) and with another one (401)", async () => {
    const none = await scrape();
    expect(none.status).toBe(401);
    const wrong = await scrape(`Bearer ${METRICS_TOKEN}-not`);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("tenantbridge_");
  });

  it("counts a scheduled sweep's checks, its duration and lag, token requests and upstream calls", async () => {
    const { db } = t.current;
    await forgetBrokerTokens(db);
    const before = await (await scrape(`Bearer ${METRICS_TOKEN}`)).text();
    await adoConnector(db, "litware");
    await adoConnector(db, "litware-two"); // an organization the sandbox does not have: a failing check
    const report = await runSweep(db, {
      intervalMs: 60_000,
      // One at a time: a second concurrent caller would join the first one's request in flight.
      concurrency: 1,
      throttle: new OrgThrottle(db),
      webhookConfigured: false,
      now: new Date(Date.now() + 3_600_000),
    });
    expect(report.checked).toBe(2);

    const response = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const after = await response.text();
    const moved = (series: string) => sample(after, series) - sample(before, series);
    const outcomes = ["pass", "fail", "unknown"].map((outcome) => moved(`tenantbridge_checks_total{trigger="schedule",outcome="${outcome}"}`));
    expect(outcomes.reduce((sum, count) => sum + count, 0)).toBe(2);
    expect(moved("tenantbridge_sweep_duration_seconds_count")).toBe(1);
    expect(after).toMatch(/^tenantbridge_sweep_lag_seconds \d/m);
    // Both connectors share the tenant, app and identity: one token acquired, one from the cache.
    expect(moved('tenantbridge_token_requests_total{method="mi_fic",result="acquired"}')).toBe(1);
    expect(moved('tenantbridge_token_cache_hits_total{method="mi_fic"}')).toBe(1);
    expect(moved('tenantbridge_upstream_request_duration_seconds_count{service="ado",status="200"}')).toBeGreaterThan(0);
    const byState = after.split("\n").filter((line) => line.startsWith("tenantbridge_connectors{state="));
    expect(byState.reduce((sum, line) => sum + Number(line.split(" ")[1]), 0)).toBe(2);
    // The sweep called Azure DevOps for each organization: each has a closed breaker, read at scrape time.
    expect(after).toMatch(/^tenantbridge_breaker_state\{service="ado",scope="[^"]*litware[^"]*"\} 0$/m);
  });

  it("answers an error with the caller's well-formed request id, or a new one", async () => {
    const kept = await getConnector(new Request("http://portal.test/api/connectors/x", { headers: { "x-request-id": "nginx0123456789abcdef0123456789ab" } }), {
      params: Promise.resolve({ id: "x" }),
    });
    expect(kept.status).toBe(401);
    expect(kept.headers.get("x-request-id")).toBe("nginx0123456789abcdef0123456789ab");
    expect(((await kept.json()) as { error: { requestId: string } }).error.requestId).toBe("nginx0123456789abcdef0123456789ab");

    const replaced = await getConnector(new Request("http://portal.test/api/connectors/x", { headers: { "x-request-id": "bad id; forged=log" } }), {
      params: Promise.resolve({ id: "x" }),
    });
    const { error } = (await replaced.json()) as { error: { requestId: string } };
    expect(error.requestId).toMatch(UUID);
    expect(replaced.headers.get("x-request-id")).toBe(error.requestId);
  });

  it("sends the request id upstream as x-ms-client-request-id, which the sandbox records", async () => {
    const { db } = t.current;
    await forgetBrokerTokens(db);
    const id = await adoConnector(db, "litware");
    await admin(sandbox, "DELETE", "/requests");
    const requestId = "it-request-0123456789";
    await runWithRequestId(requestId, () => scheduledCheck(db, id));
    const { requests } = (await (await admin(sandbox, "GET", "/requests")).json()) as {
      requests: { path: string; clientRequestId: string | null }[];
    };
    const ado = requests.filter((request) => request.path.startsWith("/ado/"));
    const token = requests.filter((request) => request.path.includes("/oauth2/v2.0/token"));
    expect(ado.length).toBeGreaterThan(0);
    expect(token.length).toBeGreaterThan(0);
    for (const request of [...ado, ...token]) expect(request.clientRequestId).toBe(requestId);
  });
});
