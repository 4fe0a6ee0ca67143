// The README's agent client, run as a process: the real ManagedIdentityCredential in the script
// asks the sandbox's managed identity endpoint for the portal's API, and the token route (served
// here over HTTP as Next.js would) answers with a credential or with the refusal and its fix.
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { AGENT_IDENTITY, PORTAL_APP, TENANT } from "@/sandbox/world/default/ids";
import { setDbForTests } from "@/lib/server/db/client";
import { useTestDb } from "@/lib/testing/test-db";
import { adoConnector, JWT_PATTERN, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { POST as tokenRoute } from "./route";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../../..");
let sandbox: RunningSandbox;
let server: Server;
let portal = "";

beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
  server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", async () => {
      const request = new Request(`http://localhost${incoming.url}`, {
        method: incoming.method,
        headers: Object.entries(incoming.headers).map(([name, value]) => [name, String(value)] as [string, string]),
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const response = await tokenRoute(request);
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  portal = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await sandbox?.stop();
});

async function agentToken(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    IDENTITY_ENDPOINT: sandbox.env.IDENTITY_ENDPOINT,
    IDENTITY_HEADER: sandbox.env.IDENTITY_HEADER,
    AZURE_CLIENT_ID: AGENT_IDENTITY.clientId,
    TB_PORTAL_CLIENT_ID: PORTAL_APP.appId,
  };
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "scripts/agent-token.ts", "--portal", portal, ...args], { cwd: root, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("npm run agent:token", () => {
  const t = useTestDb("sqlite");
  beforeAll(async () => {
    setDbForTests(t.current.db);
    await adoConnector(t.current.db, "litware");
    await t.current.db.agentIdentity.create({
      data: {
        tenantId: TENANT.contoso,
        principalId: AGENT_IDENTITY.principalId,
        displayName: "Contoso agent",
        createdBy: "admin-oid",
        assignments: { create: [{ kind: "ado", organization: "litware", targetKey: "ado:litware" }] },
      },
    });
  });

  it("gets a credential for Litware with the managed identity and prints only its first characters", async () => {
    const result = await agentToken("--organization", "litware");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { method: string; expiresOn: string; authorization: string };
    expect(printed).toMatchObject({ method: "mi_fic", authorization: expect.stringMatching(/^Bearer eyJ[^.]{5}… /) });
    expect(result.stdout).not.toMatch(JWT_PATTERN);
  }, 90_000);

  it("says why and what to do when the organization is not assigned", async () => {
    const result = await agentToken("--organization", "fabrikam");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("403 forbidden: Agent identity 'Contoso agent' is not assigned the Azure DevOps organization 'fabrikam'.");
    expect(result.stderr).toContain("Fix: An administrator assigns it under Settings → Agent access.");
    expect(result.stderr + result.stdout).not.toMatch(JWT_PATTERN);
  }, 90_000);
});
