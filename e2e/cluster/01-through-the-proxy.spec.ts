// An operator's first session through nginx (TLS with the sandbox CA at TB_PUBLIC_URL) in front
// of two replicas: sign in with the MSAL popup, save a PAT, connect Litware with the OAuth popup
// inside the Add repository wizard and save a repository. Requests land on either replica, so
// the session, the OAuth flow's single-use record and the encrypted secrets must work from the
// database alone. No write may be refused as cross-origin.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page, Response } from "@playwright/test";
import { ADO_PATS } from "../../sandbox/world/default/ado";
import { TENANT, USER } from "../../sandbox/world/default/ids";
import { deleteAllConnectors, expect, test } from "../fixtures";
import { attachReplicaLogsOnFailure, clusterReplicas, sandboxOrigin } from "./cluster-env";
import { capability, chooseRepository, expectStep, next, nextTo, signInWithOAuth, sourceRow, throughOrganization, waitForReview } from "../sources/wizard-helpers";

/** Every response the page gets from the portal with a status that means "refused". */
function watchRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on("response", (response: Response) => {
    if (response.status() === 403 || response.status() === 401) refused.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return refused;
}

// lib/server/pipeline/chain-test-rate-limit.ts (server-only, so not importable here).
const CHAIN_TESTS_PER_MINUTE = 6;

type ProxyLogEntry = { upstream: string; path: string; status: number };

/** The proxy's access log lines whose path matches, in the order nginx finished them. */
function proxied(pathPattern: RegExp): ProxyLogEntry[] {
  const prefix = process.env.TB_CLUSTER_PROXY_PREFIX;
  if (!prefix) throw new Error("TB_CLUSTER_PROXY_PREFIX is not set: run the cluster test through `npm run test:cluster`.");
  return readFileSync(path.join(prefix, "access.log"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ProxyLogEntry)
    .filter((entry) => pathPattern.test(entry.path));
}

/** Upstream address of every request the proxy passed on whose path matches. */
const upstreamsFor = (pathPattern: RegExp): string[] => proxied(pathPattern).map((entry) => entry.upstream);

type TokenLifetimes = { accessTokenSeconds: number };

async function setAccessTokenSeconds(seconds: number): Promise<TokenLifetimes> {
  const response = await fetch(`${sandboxOrigin()}/_sandbox/token-lifetimes`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ accessTokenSeconds: seconds }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as TokenLifetimes;
}

async function refreshGrants(): Promise<number> {
  const { tokenRequests } = (await (await fetch(`${sandboxOrigin()}/_sandbox/token-requests`)).json()) as { tokenRequests: { grantType: string; count: number }[] };
  return tokenRequests.filter((entry) => entry.grantType === "refresh_token").reduce((sum, entry) => sum + entry.count, 0);
}

test.describe("through the TLS proxy, on two replicas", () => {
  test.setTimeout(150_000);
  test.beforeEach(async ({ api }) => deleteAllConnectors(api));
  test.afterEach(() => attachReplicaLogsOnFailure(test.info()));

  test("the session cookie is __Host- and Secure; /metrics is not published by the proxy", async ({ context, baseURL, request }) => {
    expect(baseURL).toMatch(/^https:\/\/localhost:\d+$/);
    const cookies = await context.cookies(baseURL);
    const session = cookies.find((cookie) => cookie.name === "__Host-tb_session");
    expect(session, `cookies: ${cookies.map((cookie) => cookie.name).join(", ")}`).toBeDefined();
    expect(session).toMatchObject({ secure: true, path: "/", httpOnly: true });
    expect(cookies.find((cookie) => cookie.name === "tb_session")).toBeUndefined();
    for (const cookie of cookies) expect(cookie.secure, `${cookie.name} is Secure`).toBe(true);
    expect((await request.get("/metrics", { headers: { authorization: "Bearer anything" } })).status()).toBe(404);
  });

  test("a PAT is validated and saved through the proxy", async ({ page, api }) => {
    const refused = watchRefusals(page);
    const created = await api.post("/api/connectors", { data: { kind: "ado", organization: "litware", authMethod: "pat" } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await page.goto(`/connectors/${id}`);
    await page.getByLabel("Personal access token").fill(ADO_PATS.devCodeAndWork);
    await page.getByRole("button", { name: "Validate and save" }).click();
    await expect(page.getByText(`The PAT authenticates as ${USER.litwareDev.upn}`)).toBeVisible();
    // Read back on whichever replica answers: the other one decrypts what this one stored.
    for (let i = 0; i < 4; i++) {
      await page.reload();
      await expect(page.getByTestId("pat-status")).toContainText(`••••${ADO_PATS.devCodeAndWork.slice(-4)}`);
    }
    expect(refused).toEqual([]);
  });

  test("the wizard connects Litware with the OAuth popup and saves a repository; concurrent refreshes on both replicas keep it signed in", async ({ page, api }) => {
    const refused = watchRefusals(page);
    // Access tokens of 150 s: long enough for the sign-in to show its new token to Azure DevOps
    // however slow the machine, yet inside the server's 5-minute refresh window, so every use of
    // the sign-in after it is a refresh. Entra rotates the refresh token each time, so two replicas
    // refreshing with the same one would spend it twice and the second would find the connector
    // signed out.
    await setAccessTokenSeconds(150);
    // Restored however the test ends: the schedulers' MI + FIC exchanges in the later tests need
    // tokens that outlive the refresh window, or each check exchanges anew.
    try {
      await throughOrganization(page);
      await expectStep(page, "auth", "How does the agent sign in to litware?");
      await signInWithOAuth(page, USER.litwareDev.upn);
      await expect(page.getByTestId("connected-as")).toContainText(`from tenant ${TENANT.litware}`);
      await nextTo(page, "project");

      await page.getByRole("radio", { name: "Payments" }).check();
      await next(page);
      await chooseRepository(page, 1, "payments-api");
      await next(page);
      await waitForReview(page);
      await expect(capability(page, "read_code")).toHaveAttribute("data-status", "pass");
      await next(page, "Continue to save");
      await page.getByRole("button", { name: "Save 1 repository" }).click();
      await expect(page.getByTestId("saved")).toContainText("1 repository added", { timeout: 60_000 });

      await page.goto("/knowledge-sources");
      const row = sourceRow(page, "payments-api");
      await expect(row).toContainText("Ready");
      await expect(row).toContainText("OAuth sign-in");
      expect(refused).toEqual([]);

      const { items } = (await (await api.get("/api/connectors?take=200")).json()) as { items: { id: string; authMethod: string }[] };
      const oauth = items.find((item) => item.authMethod === "oauth");
      expect(oauth).toBeDefined();
      const refreshesBefore = await refreshGrants();
      // Four chain tests at once through the proxy's round robin: two on each replica.
      const runs = await Promise.all(Array.from({ length: 4 }, () => api.post(`/api/connectors/${oauth!.id}/test`)));
      for (const run of runs) {
        expect(run.status()).toBe(200);
        const { checks } = (await run.json()) as { checks: { key: string; status: string; code: string | null }[] };
        expect(
          checks.find((check) => check.key === "oauth-token"),
          JSON.stringify(checks),
        ).toMatchObject({ status: "pass" });
      }
      const testedOn = upstreamsFor(new RegExp(`^/api/connectors/${oauth!.id}/test$`));
      expect(new Set(testedOn).size, `replicas that ran the tests: ${testedOn.join(", ")}`).toBe(2);
      const connector = (await (await api.get(`/api/connectors/${oauth!.id}`)).json()) as { status: string };
      expect(connector.status).not.toBe("needs_signin");
      const refreshes = (await refreshGrants()) - refreshesBefore;
      console.log(`4 concurrent chain tests on 2 replicas with an access token due for refresh: ${refreshes} refresh grant(s), connector ${connector.status}`);
      expect(refreshes).toBeGreaterThan(0);
    } finally {
      await setAccessTokenSeconds(3599);
    }
  });

  test("chain tests of one connector are limited for the cluster: the 7th within a minute is refused, whichever replica gets it", async ({ api }) => {
    // A PAT connector without a PAT: its chain test stops at the first hop, so the test spends
    // no token request (02-sweeps.spec.ts counts those) and each run is quick.
    const created = await api.post("/api/connectors", { data: { kind: "ado", organization: "litware", authMethod: "pat" } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const testPath = new RegExp(`^/api/connectors/${id}/test$`);
    const started = Date.now();
    // One after another, so the proxy's round robin puts every other one on each replica: with
    // a limit per process, each would have counted only three or four and let all of them through.
    const statuses: number[] = [];
    for (let i = 0; i < CHAIN_TESTS_PER_MINUTE; i++) statuses.push((await api.post(`/api/connectors/${id}/test`)).status());
    expect(statuses, "the first six chain tests").toEqual(Array.from({ length: CHAIN_TESTS_PER_MINUTE }, () => 200));
    const refused = [await api.post(`/api/connectors/${id}/test`), await api.post(`/api/connectors/${id}/test`)];
    const elapsedS = (Date.now() - started) / 1000;
    expect(elapsedS, "all within the minute the limit counts").toBeLessThan(60);
    for (const response of refused) {
      expect(response.status(), "a chain test past the limit").toBe(429);
      const retryAfter = Number(response.headers()["retry-after"]);
      expect(retryAfter, `Retry-After: ${response.headers()["retry-after"]}`).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }

    const log = proxied(testPath);
    expect(log.map((entry) => entry.status)).toEqual([...statuses, 429, 429]);
    const servedBy = (entries: ProxyLogEntry[]) => new Set(entries.map((entry) => entry.upstream));
    const replicas = clusterReplicas().map((replica) => new URL(replica.directUrl).host);
    const allowed = log.slice(0, CHAIN_TESTS_PER_MINUTE);
    for (const address of replicas) {
      expect(allowed.filter((entry) => entry.upstream === address).length, `of the first ${CHAIN_TESTS_PER_MINUTE}, tests run by ${address}`).toBeGreaterThan(0);
    }
    // Each replica refuses once the cluster has used the minute's tests, not its own share of them.
    expect(servedBy(log.slice(CHAIN_TESTS_PER_MINUTE)), "replicas that refused the 7th and 8th").toEqual(new Set(replicas));
    console.log(
      `chain tests of one connector in ${elapsedS.toFixed(1)} s through the proxy: ${log.map((entry) => `${entry.status}@${entry.upstream}`).join(", ")}; ` +
        `Retry-After ${refused.map((response) => response.headers()["retry-after"]).join(", ")} s`,
    );
  });

  test("the proxy balanced the session over both replicas", async () => {
    const upstreams = upstreamsFor(/^\//);
    for (const replica of clusterReplicas()) {
      const address = new URL(replica.directUrl).host;
      expect(upstreams.filter((upstream) => upstream === address).length, `requests answered by ${address}`).toBeGreaterThan(5);
    }
  });
});
