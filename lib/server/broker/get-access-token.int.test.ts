// The broker against the sandbox cloud: cached tokens, single flight, shared keys, invalidation
// on changed settings and secrets, failures not cached, throttling retried and a silent token
// endpoint that cannot hang a caller. Token requests are counted by the sandbox itself.
// One provider: the broker's database use is one select; the chain tests cover both providers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { ADO_PATS } from "@/sandbox/world/default/ado";
import { CONNECTOR_APP, TENANT, WRONG_SUBJECT_APP } from "@/sandbox/world/default/ids";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import { setDbForTests } from "@/lib/server/db/client";
import { useTestDb } from "@/lib/testing/test-db";
import { adoConnector, countRequests, kustoConnector, miFic, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { runChainTest } from "@/lib/server/pipeline/run-check";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import type { Prisma } from "@/lib/generated/prisma";
import { rejection } from "@/lib/testing/rejection";
import { CONNECTOR_FRESH_MS } from "./connector-snapshot";
import { getAccessToken } from "./get-access-token";
import { TokenUnavailableError } from "./token-unavailable-error";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

const litwareTokenPath = `/${TENANT.litware}/oauth2/v2.0/token`;

async function callAdo(authorization: string): Promise<number> {
  const response = await fetch(`${sandbox.origin}/ado/litware/_apis/projects?api-version=7.1`, {
    headers: { authorization, "x-tfs-fedauthredirect": "Suppress" },
  });
  return response.status;
}

describe("getAccessToken", () => {
  const t = useTestDb("sqlite");
  beforeAll(() => setDbForTests(t.current.db));
  beforeEach(async () => {
    await admin(sandbox, "POST", "/reset");
    await forgetBrokerTokens(t.current.db);
    await t.current.db.connector.deleteMany();
    await t.current.db.organization.deleteMany();
  });

  it("serves the second call from the cache: one token request, and the token works", async () => {
    await adoConnector(t.current.db, "litware");
    const requests = await countRequests(sandbox, litwareTokenPath);
    const first = await getAccessToken({ organization: "Litware" });
    const second = await getAccessToken({ organization: "litware" });
    expect(first).toMatchObject({ method: "mi_fic", authorization: expect.stringMatching(/^Bearer /) });
    expect(second).toBe(first);
    expect(first.expiresOn!.getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
    expect(await requests()).toBe(1);
    expect(await callAdo(first.authorization)).toBe(200);
  });

  it("shares one exchange among 10 concurrent callers", async () => {
    await adoConnector(t.current.db, "litware");
    const requests = await countRequests(sandbox, litwareTokenPath);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => getAccessToken({ organization: "litware" })));
    expect(new Set(tokens.map((token) => token.authorization)).size).toBe(1);
    expect(await requests()).toBe(1);
  });

  it("shares one token between connectors with the same tenant, app, identity and scope", async () => {
    await kustoConnector(t.current.db, sandbox, "Telemetry");
    await kustoConnector(t.current.db, sandbox, "Billing");
    const requests = await countRequests(sandbox, litwareTokenPath);
    const cluster = `${sandbox.origin}/kusto/litware/`;
    const [telemetry, billing] = await Promise.all([getAccessToken({ clusterUrl: cluster, database: "Telemetry" }), getAccessToken({ clusterUrl: cluster, database: "Billing" })]);
    expect(telemetry.authorization).toBe(billing.authorization);
    expect(await requests()).toBe(1);
  });

  it("gets a new token when the connector's settings change, and a replaced PAT at once", async () => {
    const { db } = t.current;
    const id = await adoConnector(db, "litware");
    const before = await getAccessToken({ organization: "litware" });
    // Written straight to the table, as another replica would: this process sees it once its
    // connector snapshot is older than the freshness bound.
    const editedElsewhere = async (data: Prisma.ConnectorUpdateInput) => {
      await db.connector.update({ where: { id }, data });
      await new Promise((resolve) => setTimeout(resolve, CONNECTOR_FRESH_MS));
    };
    await editedElsewhere({ appClientId: WRONG_SUBJECT_APP.appId, version: { increment: 1 } });
    const error = await rejection(getAccessToken({ organization: "litware" }));
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect((error as TokenUnavailableError).decoded.code).toBe("AADSTS700213");
    await editedElsewhere({ appClientId: CONNECTOR_APP.appId });
    expect((await getAccessToken({ organization: "litware" })).authorization).toBe(before.authorization);

    await editedElsewhere({ authMethod: "pat" });
    await setPat(db, id, { pat: ADO_PATS.devCodeOnly });
    const pat = await getAccessToken({ organization: "litware" });
    expect(pat).toMatchObject({ method: "pat", expiresOn: null });
    expect(await callAdo(pat.authorization)).toBe(200);
    await setPat(db, id, { pat: ADO_PATS.devCodeAndWork });
    const replaced = await getAccessToken({ organization: "litware" });
    expect(replaced.authorization).toBe(`Basic ${Buffer.from(`:${ADO_PATS.devCodeAndWork}`).toString("base64")}`);
  });

  it("does not cache a failure: each caller gets the decoded cause and the next call asks again", async () => {
    await adoConnector(t.current.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
    const requests = await countRequests(sandbox, `/${TENANT.fabrikam}/oauth2/v2.0/token`);
    for (let i = 0; i < 2; i++) {
      const error = await rejection(getAccessToken({ organization: "fabrikam" }));
      expect(error).toBeInstanceOf(TokenUnavailableError);
      expect(error).toMatchObject({ code: "upstream_failed", hint: expect.stringMatching(/admin consent/) });
      expect((error as TokenUnavailableError).decoded.link?.href).toContain(`/${TENANT.fabrikam}/adminconsent?client_id=${CONNECTOR_APP.appId}`);
    }
    expect(await requests()).toBe(2);
  });

  it("names what is missing for an unknown organization or an incomplete connector", async () => {
    expect(await rejection(getAccessToken({ organization: "nowhere" }))).toMatchObject({ code: "not_found" });
    await adoConnector(t.current.db, "litware", { authMethod: "mi_fic", appClientId: null, targetTenantId: null });
    expect(await rejection(getAccessToken({ organization: "litware" }))).toMatchObject({ code: "misconfigured", message: expect.stringContaining("targetTenantId, appClientId") });
  });

  it("retries a throttled token request after Retry-After", async () => {
    await adoConnector(t.current.db, "litware");
    await admin(sandbox, "POST", "/faults", { path: litwareTokenPath, status: 429, retryAfterSeconds: 1, times: 1 });
    const requests = await countRequests(sandbox, litwareTokenPath);
    const started = Date.now();
    const token = await getAccessToken({ organization: "litware" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await requests()).toBe(2);
    expect(await callAdo(token.authorization)).toBe(200);
  });

  it("ends a call to a silent token endpoint within its deadline with a clear error", async () => {
    await adoConnector(t.current.db, "litware");
    await admin(sandbox, "POST", "/faults", { path: litwareTokenPath, hang: true });
    const started = Date.now();
    const error = await rejection(getAccessToken({ organization: "litware" }, { timeoutMs: 1500 }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect((error as TokenUnavailableError).decoded).toMatchObject({ code: "timeout", title: expect.stringMatching(/did not answer within 2 s/) });
  });
});

describe("chain test under faults", () => {
  const t = useTestDb("sqlite");
  beforeAll(() => setDbForTests(t.current.db));
  beforeEach(async () => {
    await admin(sandbox, "POST", "/reset");
    await forgetBrokerTokens(t.current.db);
    await t.current.db.connector.deleteMany();
    await t.current.db.organization.deleteMany();
  });

  it("retries Azure DevOps' 429 after Retry-After and passes", async () => {
    const id = await adoConnector(t.current.db, "litware");
    await admin(sandbox, "POST", "/faults", { path: "/ado/litware/_apis/connectionData", status: 429, retryAfterSeconds: 1, times: 1 });
    const run = await runChainTest(t.current.db, id, "manual");
    expect(run.outcome).toBe("pass");
    expect(run.checks[2]!.durationMs).toBeGreaterThanOrEqual(950);
  });

  it("ends within its budget when the token endpoint hangs, naming the hop, and skips the rest", async () => {
    const id = await adoConnector(t.current.db, "litware");
    await admin(sandbox, "POST", "/faults", { path: litwareTokenPath, hang: true });
    const started = Date.now();
    const run = await runChainTest(t.current.db, id, "manual", { budgetMs: 3000 });
    expect(Date.now() - started).toBeLessThan(4500);
    expect(run.checks.map((check) => check.status)).toEqual(["pass", "fail", "skipped"]);
    expect(run.checks[1]).toMatchObject({ code: "timeout", title: expect.stringMatching(/did not answer within \d s/) });
    // A silent service says nothing about the setup: unavailable, not failing.
    expect((await t.current.db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("unavailable");
  });

  it("ends within its budget when Azure DevOps hangs", async () => {
    const id = await adoConnector(t.current.db, "litware");
    await admin(sandbox, "POST", "/faults", { path: "/ado/litware", hang: true });
    const started = Date.now();
    const run = await runChainTest(t.current.db, id, "manual", { budgetMs: 3000 });
    expect(Date.now() - started).toBeLessThan(4500);
    expect(run.checks[2]).toMatchObject({ status: "fail", code: "timeout" });
    expect(run.checks[2]!.title).toBe("Azure DevOps is not answering");
    expect(run.checks[2]!.cause).toMatch(/did not answer within \d s/);
  });
});
