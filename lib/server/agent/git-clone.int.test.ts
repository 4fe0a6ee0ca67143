// A real `git clone` of a Litware repository through the sandbox's git smart HTTP, with git
// asking the tenantbridge-git-credential helper, which asks the portal's agent token endpoint
// (on a real listener), which asks the credential broker: once per method the organization's
// connector can use (PAT, OAuth, MI + FIC), with a write-scope API token; and once as the agent's
// managed identity (the helper's ManagedIdentityCredential against the sandbox's managed identity
// endpoint, the identity registered and assigned Litware). An organization without a connector,
// Fabrikam before consent, an unknown token and a read-scope token fail with git's output naming
// the fix. No token appears in git's output.
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
import { AGENT_IDENTITY, CONNECTOR_APP, PORTAL_APP, TENANT, USER } from "@/sandbox/world/default/ids";
import { createAgentIdentity } from "@/lib/server/agent/agent-identities";
import { createApiToken } from "@/lib/server/agent/api-tokens";
import { resetAgentTokenRateLimit } from "@/lib/server/agent/issue-agent-token";
import { grantAccess } from "@/lib/server/auth/access";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { adoConnector, JWT_PATTERN, miFic, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import { setDbForTests } from "@/lib/server/db/client";
import { signInThroughSandbox } from "@/lib/server/oauth/testing/oauth-harness";
import { startRouteServer, type RouteServer } from "@/lib/testing/route-server";
import { sessionCookie } from "@/lib/testing/sessions";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { POST as tokenRoute } from "@/app/api/agent/token/route";

const run = promisify(execFile);
const HELPER = path.resolve(import.meta.dirname, "../../../bin/tenantbridge-git-credential.mjs");

let sandbox: RunningSandbox;
let portal: RouteServer;
let testDb: TestDb & { dispose(): Promise<void> };
let scratch: string;
/** A write-scope API token (tb_…), as an administrator creates it under Settings → Agent access. */
let apiToken: string;
let readToken: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
  process.env.TB_LOG_LEVEL = "error";
  testDb = await createTestDb("sqlite");
  setDbForTests(testDb.db);
  const access = grantAccess({ id: "test-admin", name: "Test admin", role: "admin" }, "access.manage");
  apiToken = (await createApiToken(testDb.db, access, { name: "git-clone", scope: "write", expiresInDays: 1 })).token;
  readToken = (await createApiToken(testDb.db, access, { name: "read-only", scope: "read", expiresInDays: 1 })).token;
  await createAgentIdentity(testDb.db, access, { tenantId: TENANT.contoso, principalId: AGENT_IDENTITY.principalId, displayName: "Contoso agent", assignments: [{ organization: "litware" }] });
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
  await resetAgentTokenRateLimit(testDb.db);
});

/** How the helper authenticates to the portal: an API token, or the host's managed identity. */
type PortalCredential = { token: string } | "managed identity";

/** `git clone` as the agent would run it: the helper configured for the ADO host, nothing else. */
async function clone(organization: string, project: string, repository: string, as: PortalCredential = { token: apiToken }): Promise<{ ok: boolean; output: string; folder: string }> {
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
    TENANTBRIDGE_ADO_URL: `${sandbox.origin}/ado`,
    ...(as === "managed identity"
      ? {
          // The agent's host: its managed identity endpoint (the sandbox's) and the portal's API scope.
          TENANTBRIDGE_SCOPE: `api://${PORTAL_APP.appId}/.default`,
          AZURE_CLIENT_ID: AGENT_IDENTITY.clientId,
          IDENTITY_ENDPOINT: sandbox.env.IDENTITY_ENDPOINT,
          IDENTITY_HEADER: sandbox.env.IDENTITY_HEADER,
          NODE_EXTRA_CA_CERTS: sandbox.caPath,
        }
      : { TENANTBRIDGE_TOKEN: as.token }),
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

async function expectCloned(method: string, as: PortalCredential = { token: apiToken }, actorName = "API token 'git-clone'") {
  const result = await clone("litware", "Payments", "payments-api", as);
  expect(result.output).not.toMatch(JWT_PATTERN);
  expect(result.output).not.toContain(ADO_PATS.devCodeAndWork);
  expect(result.output).not.toContain(apiToken);
  expect(result.ok, result.output).toBe(true);
  expect(readFileSync(path.join(result.folder, "README.md"), "utf8")).toContain("# payments-api");
  const issued = await testDb.db.auditEvent.findMany({ where: { action: "agent.token_issued" } });
  expect(issued.length).toBeGreaterThan(0);
  for (const event of issued) {
    expect(event.actorName).toBe(actorName);
    expect(JSON.parse(event.details)).toMatchObject({ organization: "litware", method });
  }
  expect(JSON.stringify(issued)).not.toMatch(JWT_PATTERN);
  expect(JSON.stringify(issued)).not.toContain(apiToken);
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

  it("clones payments-api as the agent's managed identity (registered, assigned Litware), without an API token", async () => {
    await adoConnector(testDb.db, "litware");
    await expectCloned("mi_fic", "managed identity", "Agent identity 'Contoso agent'");
  });

  it("fails as the agent's managed identity for an organization not assigned to it, naming the fix", async () => {
    await adoConnector(testDb.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
    const result = await clone("fabrikam", "Storefront", "storefront", "managed identity");
    expect(result.ok).toBe(false);
    expect(result.output).toContain("Agent identity 'Contoso agent' is not assigned the Azure DevOps organization 'fabrikam'");
    expect(result.output).toContain("Fix: An administrator assigns it under Settings → Agent access.");
    expect(result.output).not.toMatch(JWT_PATTERN);
  });

  it("fails with an unknown API token, naming the fix, and with a read-scope token, naming the scope", async () => {
    await adoConnector(testDb.db, "litware");
    const unknown = await clone("litware", "Payments", "payments-api", { token: `tb_${"x".repeat(43)}` });
    expect(unknown.ok).toBe(false);
    expect(unknown.output).toContain("The API token is not known.");
    expect(unknown.output).toContain("Fix: Create a token under Settings → Agent access.");
    const read = await clone("litware", "Payments", "payments-api", { token: readToken });
    expect(read.ok).toBe(false);
    expect(read.output).toContain("API token 'read-only' has the read scope");
    expect(read.output).toContain("Fix: Use an API token with the write scope.");
    expect(read.output).not.toContain(readToken);
    expect(await testDb.db.auditEvent.count({ where: { action: "agent.token_issued" } })).toBe(0);
  });
});
