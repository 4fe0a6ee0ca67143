// A real `git clone` of a Litware repository through the sandbox's git smart HTTP, with git
// asking the tenantbridge-git-credential helper, which asks the portal's agent token endpoint
// (on a real listener), which asks the credential broker: once per method the organization's
// connector can use (PAT, OAuth, MI + FIC). An organization without a connector, and Fabrikam
// before consent, fail with git's output naming the fix. No token appears in git's output.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { ADO_PATS } from "@/sandbox/world/default/ado";
import { CONNECTOR_APP, TENANT, USER } from "@/sandbox/world/default/ids";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { adoConnector, JWT_PATTERN, miFic, usePortalEnvironment } from "@/lib/server/chain/testing/chain-sandbox";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import { setDbForTests } from "@/lib/server/db/client";
import { signInThroughSandbox } from "@/lib/server/oauth/testing/oauth-harness";
import { startRouteServer, type RouteServer } from "@/lib/testing/route-server";
import { sessionCookie } from "@/lib/testing/sessions";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { POST as tokenRoute } from "@/app/api/agent/token/route";

const run = promisify(execFile);
const AGENT_TOKEN = `interim-${randomUUID()}-${randomUUID()}`;
const HELPER = path.resolve(import.meta.dirname, "../../../bin/tenantbridge-git-credential.mjs");

let sandbox: RunningSandbox;
let portal: RouteServer;
let testDb: TestDb & { dispose(): Promise<void> };
let scratch: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
  process.env.TB_AGENT_INTERIM_TOKEN = AGENT_TOKEN;
  process.env.TB_LOG_LEVEL = "error";
  testDb = await createTestDb("sqlite");
  setDbForTests(testDb.db);
  portal = await startRouteServer({ "POST /api/agent/token": tokenRoute });
  scratch = mkdtempSync(path.join(os.tmpdir(), "tb-clone-"));
});
afterAll(async () => {
  await portal?.stop();
  await sandbox?.stop();
  await testDb?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(async () => {
  await admin(sandbox, "POST", "/reset");
  await testDb.db.auditEvent.deleteMany();
  await testDb.db.connector.deleteMany();
  await testDb.db.organization.deleteMany();
  await forgetBrokerTokens(testDb.db);
});

/** `git clone` as the agent would run it: the helper configured for the ADO host, nothing else. */
async function clone(organization: string, project: string, repository: string): Promise<{ ok: boolean; output: string; folder: string }> {
  const folder = path.join(scratch, randomUUID());
  const url = `${sandbox.origin}/ado/${organization}/${project}/_git/${repository}`;
  const env = {
    PATH: process.env.PATH,
    HOME: scratch,
    NODE_ENV: process.env.NODE_ENV,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_SSL_CAINFO: sandbox.caPath,
    TENANTBRIDGE_URL: portal.origin,
    TENANTBRIDGE_TOKEN: AGENT_TOKEN,
    TENANTBRIDGE_ADO_URL: `${sandbox.origin}/ado`,
  } as NodeJS.ProcessEnv;
  const config = ["-c", "credential.helper=", "-c", `credential.helper=!node ${HELPER}`, "-c", "credential.useHttpPath=true"];
  try {
    const { stdout, stderr } = await run("git", [...config, "clone", url, folder], { env });
    return { ok: true, output: stdout + stderr, folder };
  } catch (error) {
    const failure = error as { stdout: string; stderr: string };
    return { ok: false, output: failure.stdout + failure.stderr, folder };
  }
}

async function expectCloned(method: string) {
  const result = await clone("litware", "Payments", "payments-api");
  expect(result.output).not.toMatch(JWT_PATTERN);
  expect(result.output).not.toContain(ADO_PATS.devCodeAndWork);
  expect(result.ok, result.output).toBe(true);
  expect(readFileSync(path.join(result.folder, "README.md"), "utf8")).toContain("# payments-api");
  const issued = await testDb.db.auditEvent.findMany({ where: { action: "agent.token_issued", targetId: "litware" } });
  expect(issued.length).toBeGreaterThan(0);
  for (const event of issued) expect(JSON.parse(event.details)).toMatchObject({ method });
  expect(JSON.stringify(issued)).not.toMatch(JWT_PATTERN);
}

describe("git clone with tenantbridge-git-credential", () => {
  it("clones payments-api through a PAT connector", async () => {
    const id = await adoConnector(testDb.db, "litware", { authMethod: "pat" });
    await setPat(testDb.db, id, { pat: ADO_PATS.devCodeAndWork });
    await expectCloned("pat");
  });

  it("clones payments-api through an OAuth connector signed in as Litware's developer", async () => {
    const id = await adoConnector(testDb.db, "litware", { authMethod: "oauth" });
    await signInThroughSandbox(id, await sessionCookie(testDb.db, "admin"), USER.litwareDev.upn);
    await expectCloned("oauth");
  });

  it("clones payments-api through an MI + FIC connector", async () => {
    await adoConnector(testDb.db, "litware");
    await expectCloned("mi_fic");
  });

  it("fails for an organization without a connector, naming the fix", async () => {
    const result = await clone("fabrikam", "Storefront", "storefront");
    expect(result.ok).toBe(false);
    expect(result.output).toContain("No connector is configured for the Azure DevOps organization 'fabrikam'");
    expect(result.output).toContain("Fix: Add one on the Connectors page.");
    expect(result.output).toContain("told us to quit");
  });

  it("fails for Fabrikam before consent with AADSTS700016 and the consent link", async () => {
    await adoConnector(testDb.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
    const result = await clone("fabrikam", "Storefront", "storefront");
    expect(result.ok).toBe(false);
    expect(result.output).toContain("AADSTS700016");
    expect(result.output).toContain(`Link: ${sandbox.origin}/${TENANT.fabrikam}/adminconsent?client_id=${CONNECTOR_APP.appId}`);
  });

  it("is refused by the portal with another token, and says so", async () => {
    const previous = process.env.TB_AGENT_INTERIM_TOKEN;
    await adoConnector(testDb.db, "litware");
    const response = await fetch(`${portal.origin}/api/agent/token`, { method: "POST", headers: { authorization: "Bearer wrong", "content-type": "application/json" }, body: JSON.stringify({ organization: "litware" }) });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "unauthenticated", title: "The agent token is not valid.", fix: expect.stringContaining("Authorization: Bearer") });
    expect(process.env.TB_AGENT_INTERIM_TOKEN).toBe(previous);
  });
});
