// What the agent does in Azure DevOps, against the running sandbox: a real `git clone` over
// git's smart HTTP (git http-backend behind ADO's authentication and Git GenericRead), pull
// request lists, work item comments and files at a version, with the real @azure/identity chain.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { admin, startTestSandbox } from "../testing/test-sandbox";
import { ADO_PATS } from "../world/default/ado";
import { RESOURCE, TENANT } from "../world/default/ids";
import { agentToken, loadIdentity } from "./testing/agent-credential";

const run = promisify(execFile);
const ADO_SCOPE = `${RESOURCE.azureDevOps.appId}/.default`;

let sandbox: RunningSandbox;
let connectorToken: string;
let scratch: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  connectorToken = await agentToken(await loadIdentity(sandbox), sandbox, TENANT.litware, ADO_SCOPE);
  scratch = mkdtempSync(path.join(os.tmpdir(), "tb-git-"));
});
afterEach(async () => {
  await admin(sandbox, "POST", "/reset");
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const ado = (suffix: string) => `${sandbox.origin}/ado/litware${suffix}`;
const basic = (password: string) => `Basic ${Buffer.from(`agent:${password}`).toString("base64")}`;

/** git with no user configuration, trusting the sandbox CA, never prompting. */
async function git(args: string[], extraHeader?: string): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const config = extraHeader ? ["-c", `http.extraHeader=Authorization: ${extraHeader}`] : [];
  try {
    const { stdout, stderr } = await run("git", ["-c", "credential.helper=", ...config, ...args], {
      cwd: scratch,
      env: { PATH: process.env.PATH, HOME: scratch, GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0", GIT_SSL_CAINFO: sandbox.caPath, NODE_ENV: process.env.NODE_ENV } as NodeJS.ProcessEnv,
    });
    return { ok: true, stdout, stderr };
  } catch (error) {
    const failure = error as { stdout: string; stderr: string };
    return { ok: false, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe("git over HTTPS", () => {
  it("clones payments-api with a PAT as Basic, at the commit the REST API reports", async () => {
    const clone = await git(["clone", "-q", ado("/Payments/_git/payments-api"), "with-pat"], basic(ADO_PATS.devCodeAndWork));
    expect(clone.stderr).toBe("");
    expect(clone.ok).toBe(true);
    expect(readFileSync(path.join(scratch, "with-pat", "README.md"), "utf8")).toContain("# payments-api");
    const head = (await run("git", ["-C", path.join(scratch, "with-pat"), "rev-parse", "HEAD"])).stdout.trim();
    const item = (await (
      await fetch(ado(`/Payments/_apis/git/repositories/payments-api/items?path=/README.md&$format=json&api-version=7.1`), { headers: { authorization: basic(ADO_PATS.devCodeAndWork) } })
    ).json()) as { commitId: string };
    expect(item.commitId).toBe(head);
  });

  it("clones with the connector's Entra token as Bearer and as the Basic password", async () => {
    expect((await git(["clone", "-q", ado("/Payments/_git/payments-api"), "bearer"], `Bearer ${connectorToken}`)).ok).toBe(true);
    expect((await git(["clone", "-q", ado("/Payments/_git/payments-api"), "basic-jwt"], basic(connectorToken))).ok).toBe(true);
  });

  it("challenges git for credentials, and refuses bad ones, an unreadable repository and a push", async () => {
    const anonymous = await git(["clone", "-q", ado("/Payments/_git/payments-api"), "anonymous"]);
    expect(anonymous.ok).toBe(false);
    expect(anonymous.stderr).toMatch(/could not read Username|terminal prompts disabled/);
    const revoked = await git(["clone", "-q", ado("/Payments/_git/payments-api"), "revoked"], basic(ADO_PATS.devRevoked));
    expect(revoked.ok).toBe(false);
    expect(revoked.stderr).toMatch(/could not read Username|terminal prompts disabled/);
    // The connector's identity is not a member of Treasury: the same answer as a missing repository.
    const hidden = await fetch(ado("/Treasury/_git/treasury-core/info/refs?service=git-upload-pack"), { headers: { authorization: `Bearer ${connectorToken}` } });
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toContain("TF200016");
    const push = await fetch(ado("/Payments/_git/payments-api/info/refs?service=git-receive-pack"), { headers: { authorization: basic(ADO_PATS.devCodeAndWork) } });
    expect(push.status).toBe(403);
  });
});

describe("the agent's REST calls", () => {
  const headers = () => ({ authorization: `Bearer ${connectorToken}`, "content-type": "application/json" });

  it("lists active pull requests per repository and per project", async () => {
    const repo = (await (await fetch(ado("/Payments/_apis/git/repositories/payments-api/pullrequests?api-version=7.1"), { headers: headers() })).json()) as {
      count: number;
      value: { pullRequestId: number; title: string; repository: { name: string } }[];
    };
    expect(repo.value.map((pr) => [pr.pullRequestId, pr.title])).toEqual([[1, "Add idempotency keys to refunds"]]);
    const project = (await (await fetch(ado("/Payments/_apis/git/pullrequests?api-version=7.1"), { headers: headers() })).json()) as { value: { pullRequestId: number }[] };
    expect(project.value.map((pr) => pr.pullRequestId)).toEqual([2, 1]);
    const closed = (await (await fetch(ado("/Payments/_apis/git/pullrequests?searchCriteria.status=completed&api-version=7.1"), { headers: headers() })).json()) as { value: unknown[] };
    expect(closed.value).toEqual([]);
  });

  it("reads a file at a branch or at the commit, and names a version that does not exist", async () => {
    const items = (suffix: string) => fetch(ado(`/Payments/_apis/git/repositories/payments-api/items?path=/README.md&api-version=7.1${suffix}`), { headers: headers() });
    const meta = (await (await items("&$format=json")).json()) as { commitId: string };
    expect(await (await items("&versionDescriptor.version=main&versionDescriptor.versionType=branch")).text()).toContain("# payments-api");
    expect((await items(`&versionDescriptor.version=${meta.commitId.slice(0, 8)}&versionDescriptor.versionType=commit`)).status).toBe(200);
    const missing = await items("&versionDescriptor.version=nope");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("TF401175");
  });

  it("comments on a work item in Checkout, and refuses one in Ledger with TF237111", async () => {
    const preview = "api-version=7.1-preview.4";
    const added = await fetch(ado(`/Payments/_apis/wit/workItems/1/comments?${preview}`), { method: "POST", headers: headers(), body: JSON.stringify({ text: "Looking into it." }) });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ workItemId: 1, text: "Looking into it.", createdBy: { id: expect.any(String) } });
    const list = (await (await fetch(ado(`/Payments/_apis/wit/workItems/1/comments?${preview}`), { headers: headers() })).json()) as { count: number; comments: { text: string }[] };
    expect(list.comments.map((comment) => comment.text)).toEqual(["Looking into it."]);
    expect((await fetch(ado("/Payments/_apis/wit/workItems/1/comments?api-version=7.1"), { headers: headers() })).status).toBe(400);

    // A Ledger item made by the developer: the connector (a project reader) reads it but may not comment.
    const created = await fetch(ado("/Payments/_apis/wit/workitems/$Task?api-version=7.1"), {
      method: "POST",
      headers: { authorization: basic(ADO_PATS.devCodeAndWork), "content-type": "application/json-patch+json" },
      body: JSON.stringify([
        { op: "add", path: "/fields/System.Title", value: "Ledger item" },
        { op: "add", path: "/fields/System.AreaPath", value: "Payments\\Ledger" },
      ]),
    });
    const { id } = (await created.json()) as { id: number };
    const refused = await fetch(ado(`/Payments/_apis/wit/workItems/${id}/comments?${preview}`), { method: "POST", headers: headers(), body: JSON.stringify({ text: "x" }) });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("TF237111");
  });
});
