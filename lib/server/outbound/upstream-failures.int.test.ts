// Upstream failures end fast and say so, against the sandbox cloud's hang and 5xx faults with the
// real @azure/identity, MSAL, fetch and cockatiel: operator deadlines (a chain test ≤ 10 s, a
// live list ≤ 5 s), the circuit breaker per service and organization, "unavailable" apart from
// "failing", and the live-list rate limit. Durations are printed and asserted loosely.
// One provider: the database use here is the same as the chain tests', which cover both.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { ADO_PATS } from "@/sandbox/world/default/ado";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { getAccessToken } from "@/lib/server/broker/get-access-token";
import { listProjects } from "@/lib/server/ado/list-projects";
import { adoConnector, kustoConnector, miFic, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { CONNECTOR_APP, TENANT } from "@/sandbox/world/default/ids";
import { runChainTest } from "@/lib/server/pipeline/run-check";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import { setDbForTests } from "@/lib/server/db/client";
import { resetLiveListRateLimit } from "@/lib/server/rate-limit/live-list-rate-limit";
import { sessionCookie } from "@/lib/testing/sessions";
import { useTestDb } from "@/lib/testing/test-db";
import type { CatalogListDto, AdoProjectDto } from "@/lib/schemas/source";
import { GET as projectsRoute } from "@/app/api/connectors/[id]/projects/route";
import { forgetIdentityEndpointProbes } from "@/lib/server/broker/identity-endpoint-probe";
import { scheduledCheck } from "@/lib/server/pipeline/run-check";
import { resetUpstreamBreakers, upstreamBreakerStates } from "./upstream-breaker";

const HALF_OPEN_SECONDS = 2;
const LIVE_LIST_BURST = 4;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  // Before anything calls settings(): it caches the environment on first use.
  usePortalEnvironment(sandbox);
  process.env.TB_BREAKER_HALF_OPEN_SECONDS = String(HALF_OPEN_SECONDS);
  process.env.TB_LIVE_LIST_BURST = String(LIVE_LIST_BURST);
});
afterAll(async () => {
  await sandbox?.stop();
});

const timed = async <T>(label: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = Date.now();
  const value = await work();
  const ms = Date.now() - started;
  console.log(`[upstream-failures] ${label}: ${ms} ms`);
  return { value, ms };
};

describe("upstream failures", () => {
  const t = useTestDb("sqlite");
  beforeAll(() => setDbForTests(t.current.db));
  beforeEach(async () => {
    await admin(sandbox, "POST", "/reset");
    await forgetBrokerTokens(t.current.db);
    resetUpstreamBreakers();
    await resetLiveListRateLimit(t.current.db);
    await t.current.db.connector.deleteMany();
    await t.current.db.organization.deleteMany();
  });

  async function patConnector(): Promise<string> {
    const id = await adoConnector(t.current.db, "litware", { authMethod: "pat" });
    await setPat(t.current.db, id, { pat: ADO_PATS.devCodeAndWork, expiresAt: null });
    return id;
  }

  const listProjectsAs = async (cookie: string, id: string) =>
    projectsRoute(new Request(`http://localhost/api/connectors/${id}/projects`, { headers: { cookie } }), { params: Promise.resolve({ id }) });

  describe("operator deadlines", () => {
    it("ends a chain test within 10 s when Azure DevOps hangs, the hop saying it is not answering, the connector unavailable", async () => {
      const id = await adoConnector(t.current.db, "litware");
      await admin(sandbox, "POST", "/faults", { path: "/ado/litware", hang: true });
      const { value: run, ms } = await timed("chain test, ADO hanging (was 31 s)", () => runChainTest(t.current.db, id, "manual"));
      expect(ms).toBeLessThan(12_000);
      expect(run.checks.map((check) => `${check.key}:${check.status}`)).toEqual(["mi-token:pass", "exchange:pass", "ado-call:fail"]);
      expect(run.checks[2]).toMatchObject({ code: "timeout", title: "Azure DevOps is not answering" });
      expect(run.checks[2]!.cause).toMatch(/did not answer within \d+ s \(GET /);
      expect(run.checks[2]!.fix).toMatch(/reachable from the portal/);
      expect((await t.current.db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("unavailable");
    });

    it("ends a chain test within 10 s when Kusto hangs, with one not-answering failure rather than two timeouts", async () => {
      const id = await kustoConnector(t.current.db, sandbox, "Telemetry");
      await admin(sandbox, "POST", "/faults", { path: "/kusto/litware", hang: true });
      const { value: run, ms } = await timed("chain test, Kusto hanging (was 45 s)", () => runChainTest(t.current.db, id, "manual"));
      expect(ms).toBeLessThan(12_000);
      expect(run.checks[2]).toMatchObject({ key: "kusto-call", status: "fail", code: "timeout", title: "The Kusto cluster is not answering" });
      expect(run.checks[2]!.fix).toBeTruthy();
      expect((await t.current.db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("unavailable");
    });

    it("answers a live project list within 5 s when Azure DevOps hangs, with the problem named", async () => {
      const id = await patConnector();
      const cookie = await sessionCookie(t.current.db, "reader");
      await admin(sandbox, "POST", "/faults", { path: "/ado/litware", hang: true });
      const { value: response, ms } = await timed("project list, ADO hanging (was 20 s)", () => listProjectsAs(cookie, id));
      expect(ms).toBeLessThan(7_000);
      expect(response.status).toBe(200);
      const list = (await response.json()) as CatalogListDto<AdoProjectDto>;
      expect(list.items).toEqual([]);
      expect(list.problem).toMatchObject({ code: "timeout", title: "Azure DevOps is not answering" });
    });
  });

  describe("circuit breaker", () => {
    const pat = `Basic ${Buffer.from(`:${ADO_PATS.devCodeAndWork}`).toString("base64")}`;
    const call = (authorization = pat) => listProjects({ organization: "litware", authorization, budgetMs: 5_000 });

    it("opens after repeated 503s, then fails in milliseconds with the breaker message, and a healthy probe closes it", async () => {
      await admin(sandbox, "POST", "/faults", { path: "/ado/", status: 503 });
      const before = await timed("ADO 503, breaker closed (retries)", () => call());
      expect(before.value).toMatchObject({ ok: false, error: { code: "HTTP 503" } });
      expect(before.ms).toBeGreaterThan(300);
      for (let i = 0; i < 4; i++) await call();
      expect(upstreamBreakerStates()).toEqual([expect.objectContaining({ service: "ado", scope: expect.stringMatching(/\/litware$/), state: "open" })]);

      const after = await timed("ADO 503, breaker open", () => call());
      expect(after.ms).toBeLessThan(100);
      expect(after.value).toMatchObject({ ok: false, error: { code: "breaker_open", title: "Azure DevOps is not answering" } });
      if (after.value.ok) throw new Error("expected a failure");
      expect(after.value.error.cause).toMatch(/^Azure DevOps is not answering \(breaker open, next probe in [12] s\)\.$/);
      expect(after.value.error.fix).toMatch(/Wait for the probe/);

      // Another organization has its own breaker.
      expect((await listProjects({ organization: "fabrikam", authorization: pat, budgetMs: 2_000 })).ok).toBe(false);
      expect(upstreamBreakerStates().find((breaker) => breaker.scope.endsWith("/fabrikam"))?.state).toBe("closed");

      await admin(sandbox, "DELETE", "/faults");
      await new Promise((resolve) => setTimeout(resolve, HALF_OPEN_SECONDS * 1000 + 200));
      const probe = await timed("probe after the half-open delay", () => call());
      expect(probe.value.ok).toBe(true);
      expect(upstreamBreakerStates().find((breaker) => breaker.scope.endsWith("/litware"))?.state).toBe("closed");
    });

    it("stays closed when Azure DevOps answers 401 or 404: those are the caller's problem", async () => {
      for (let i = 0; i < 8; i++) {
        expect(await call("Basic bm90LWEtcGF0")).toMatchObject({ ok: false });
        expect(await listProjects({ organization: "no-such-org", authorization: pat, budgetMs: 2_000 })).toMatchObject({ ok: false });
      }
      expect(upstreamBreakerStates().map((breaker) => breaker.state)).toEqual(["closed", "closed"]);
      expect((await call()).ok).toBe(true);
    });

    it("stays closed on AADSTS errors: a missing consent is the setup's problem, not Entra ID's silence", async () => {
      await adoConnector(t.current.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
      for (let i = 0; i < 7; i++) await expect(getAccessToken({ organization: "fabrikam" })).rejects.toMatchObject({ decoded: { code: "AADSTS700016" } });
      const entra = upstreamBreakerStates().filter((breaker) => breaker.service === "entra");
      expect(entra.length).toBeGreaterThan(0);
      expect(entra.map((breaker) => breaker.state)).toEqual(entra.map(() => "closed"));
    });

    it("makes a chain test fail fast once Azure DevOps' breaker is open", async () => {
      const id = await adoConnector(t.current.db, "litware");
      await admin(sandbox, "POST", "/faults", { path: "/ado/litware", status: 503 });
      for (let i = 0; i < 5; i++) await call();
      const { value: run } = await timed("chain test, ADO breaker open", () => runChainTest(t.current.db, id, "manual"));
      expect(run.checks[2]).toMatchObject({ status: "fail", code: "breaker_open", title: "Azure DevOps is not answering" });
      expect(run.checks[2]!.durationMs).toBeLessThan(100);
      expect((await t.current.db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("unavailable");
    });
  });

  describe("live-list rate limit", () => {
    it("answers 429 with Retry-After and when to retry after a reader's burst, per operator", async () => {
      const id = await patConnector();
      const reader = await sessionCookie(t.current.db, "reader");
      for (let i = 0; i < LIVE_LIST_BURST; i++) expect((await listProjectsAs(reader, id)).status).toBe(200);
      const refused = await listProjectsAs(reader, id);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("rate_limited");
      expect(body.error.message).toMatch(new RegExp(`Try again in ${retryAfter} s \\(at \\d\\d:\\d\\d:\\d\\d UTC\\)`));
      // Another operator still has their own allowance, within the organization's.
      expect((await listProjectsAs(await sessionCookie(t.current.db, "admin"), id)).status).toBe(200);
    });
  });

  describe("the managed identity endpoint", () => {
    it("degrades a scheduled check when the endpoint answers 500, while getAccessToken keeps serving the cached token", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const first = await getAccessToken({ organization: "litware" });
      forgetIdentityEndpointProbes();
      await admin(sandbox, "POST", "/faults", { path: "/msi/", status: 500 });
      const { value: run } = await timed("scheduled check, identity endpoint 500", () => scheduledCheck(t.current.db, id));
      expect(run.checks.map((check) => `${check.key}:${check.status}`)).toEqual(["exchange:pass", "ado-call:pass", "mi-endpoint:unknown"]);
      expect(run.checks[2]).toMatchObject({ title: "The managed identity endpoint is not answering" });
      expect(run.checks[2]!.cause).toMatch(/cached token until \d{4}-\d\d-\d\dT/);
      expect(run.checks[2]!.fix).toMatch(/managed identity endpoint/);
      expect((await t.current.db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("degraded");
      // The agent is not stopped by the outage while its token is valid.
      expect(await getAccessToken({ organization: "litware" })).toBe(first);
    });

    it("passes the endpoint check when it issues tokens", async () => {
      const id = await adoConnector(t.current.db, "litware");
      forgetIdentityEndpointProbes();
      const run = await scheduledCheck(t.current.db, id);
      expect(run.checks.map((check) => `${check.key}:${check.status}`)).toEqual(["exchange:pass", "ado-call:pass", "mi-endpoint:pass"]);
      expect((await t.current.db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("healthy");
    });
  });
});
