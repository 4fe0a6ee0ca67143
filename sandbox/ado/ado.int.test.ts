// Azure DevOps in the running sandbox, called with plain fetch and tokens from the real
// @azure/identity chain (managed identity -> FIC -> Litware): the permission checks the portal
// relies on, ADO's credential quirks, and writes that prove access for real.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { admin, cloneWorld, startTestSandbox } from "../testing/test-sandbox";
import { ADO_IDS, ADO_PATS } from "../world/default/ado";
import { AGENT_IDENTITY, CONNECTOR_APP, RESOURCE, TENANT, WRONG_SUBJECT_APP } from "../world/default/ids";
import { agentToken, loadIdentity } from "./testing/agent-credential";

const L = ADO_IDS.litware;
const ADO_SCOPE = `${RESOURCE.azureDevOps.appId}/.default`;
const GIT = "2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87";
const CSS = "83e28ad4-2d72-4ceb-97b0-c7726d5502c3";

let sandbox: RunningSandbox;
let identity: Awaited<ReturnType<typeof loadIdentity>>;
let connectorToken: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  identity = await loadIdentity(sandbox);
  connectorToken = await agentToken(identity, sandbox, TENANT.litware, ADO_SCOPE);
});
afterEach(async () => {
  await admin(sandbox, "POST", "/reset");
});
afterAll(async () => {
  await sandbox.stop();
});

const ado = (path: string) => `${sandbox.origin}/ado/litware${path}`;
const asConnector = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${connectorToken}`, ...extra });
const pat = (value: string) => ({ authorization: `Basic ${Buffer.from(`:${value}`).toString("base64")}` });

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe("ADO permission checks as the connector's Litware service principal", () => {
  it("finds the project, its repositories and area identifiers", async () => {
    const project = await json<{ id: string }>(await fetch(ado("/_apis/projects/Payments?api-version=7.1"), { headers: asConnector() }));
    expect(project.id).toBe(L.payments);
    const repos = await json<{ value: { name: string; webUrl: string }[] }>(await fetch(ado("/Payments/_apis/git/repositories?api-version=7.1"), { headers: asConnector() }));
    expect(repos.value.map((repo) => repo.name)).toEqual(["payments-api", "payments-web"]);
    expect(repos.value[0]?.webUrl).toBe(`${sandbox.origin}/ado/litware/Payments/_git/payments-api`);
    const areas = await json<{ children: { name: string; identifier: string }[] }>(
      await fetch(ado("/Payments/_apis/wit/classificationnodes/areas?$depth=1&api-version=7.1"), { headers: asConnector() }),
    );
    expect(areas.children.map((node) => node.identifier)).toEqual([L.areaCheckout, L.areaLedger]);
  });

  it("reads bits from the namespace and evaluates pass and fail cases in one batch", async () => {
    const namespace = await json<{ value: { actions: { name: string; bit: number }[] }[] }>(await fetch(ado(`/_apis/securitynamespaces/${CSS}?api-version=7.1`), { headers: asConnector() }));
    const workItemWrite = namespace.value[0]!.actions.find((action) => action.name === "WORK_ITEM_WRITE")!.bit;
    const node = (id: string) => `vstfs:///Classification/Node/${id}`;
    const response = await fetch(ado("/_apis/security/permissionevaluationbatch?api-version=7.1"), {
      method: "POST",
      headers: asConnector({ "content-type": "application/json" }),
      body: JSON.stringify({
        alwaysAllowAdministrators: false,
        evaluations: [
          { securityNamespaceId: GIT, token: `repoV2/${L.payments}/${L.paymentsApi}`, permissions: 2 },
          { securityNamespaceId: GIT, token: `repoV2/${L.payments}/${L.paymentsApi}`, permissions: 16384 },
          { securityNamespaceId: GIT, token: `repoV2/${L.payments}/${L.paymentsWeb}`, permissions: 16384 },
          { securityNamespaceId: CSS, token: `${node(L.areaPayments)}:${node(L.areaCheckout)}`, permissions: workItemWrite },
          { securityNamespaceId: CSS, token: `${node(L.areaPayments)}:${node(L.areaLedger)}`, permissions: workItemWrite },
        ],
      }),
    });
    const body = await json<{ evaluations: { value: boolean }[] }>(response);
    expect(body.evaluations.map((evaluation) => evaluation.value)).toEqual([true, true, false, true, false]);
  });

  it("answers one boolean per token on the single-namespace route", async () => {
    const tokens = encodeURIComponent(`repoV2/${L.payments}/${L.paymentsApi},repoV2/${L.payments}/${L.paymentsWeb}`);
    const response = await fetch(ado(`/_apis/permissions/${GIT}/16384?tokens=${tokens}&alwaysAllowAdministrators=false&api-version=7.1`), { headers: asConnector() });
    expect(await response.json()).toEqual({ count: 2, value: [true, false] });
  });

  it("answers TF200016 for a project by name that the connector is not in, VS800075 by id", async () => {
    const response = await fetch(ado("/_apis/projects/Treasury?api-version=7.1"), { headers: asConnector() });
    expect(response.status).toBe(404);
    expect(await json<{ message: string; typeKey: string }>(response)).toMatchObject({
      message: "TF200016: The following project does not exist: Treasury.",
      typeKey: "ProjectDoesNotExistWithNameException",
    });
    const byId = await fetch(ado(`/_apis/projects/${L.treasury}?api-version=7.1`), { headers: asConnector() });
    expect(byId.status).toBe(404);
    expect((await json<{ message: string }>(byId)).message).toMatch(/^VS800075: The project with id 'vstfs:\/\/\/Classification\/TeamProject\/[0-9a-f-]{36}' does not exist/);
  });

  it("answers TF401019 for a repository the connector may not read", async () => {
    const world = cloneWorld(sandbox);
    const web = world.ado.organizations[0]!.projects[0]!.repositories[1]!;
    web.permissions.push({ principalId: CONNECTOR_APP.spLitware, allow: [], deny: ["GenericRead"] });
    sandbox.loadWorld(world);
    const response = await fetch(ado("/Payments/_apis/git/repositories/payments-web?api-version=7.1"), { headers: asConnector() });
    expect(response.status).toBe(404);
    expect((await json<{ message: string }>(response)).message).toMatch(/^TF401019: /);
  });

  it("answers TF401444 to a service principal of Litware that is not an organization user", async () => {
    // Fix the deliberate FIC mistake so the wrong-subject app can get a Litware token at all.
    const world = cloneWorld(sandbox);
    world.applications.find((app) => app.appId === WRONG_SUBJECT_APP.appId)!.federatedIdentityCredentials[0]!.subject = AGENT_IDENTITY.principalId;
    sandbox.loadWorld(world);
    const token = await agentToken(identity, sandbox, TENANT.litware, ADO_SCOPE, WRONG_SUBJECT_APP.appId);
    const response = await fetch(ado("/_apis/projects?api-version=7.1"), { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    expect((await json<{ message: string }>(response)).message).toBe(
      `TF401444: Please sign-in at least once as ${TENANT.litware}\\${TENANT.litware}\\${WRONG_SUBJECT_APP.spLitware} in a web browser to enable access to the service.`,
    );
  });
});

describe("ADO credential quirks", () => {
  it("answers a GET with a bad token with a 203 sign-in page, or 401 naming the tenant when redirects are suppressed", async () => {
    const page = await fetch(ado("/_apis/projects?api-version=7.1"), { headers: { authorization: "Bearer expired.or.bogus" } });
    expect(page.status).toBe(203);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const suppressed = await fetch(ado("/_apis/connectionData?api-version=7.1-preview"), { headers: { authorization: "Bearer expired.or.bogus", "X-TFS-FedAuthRedirect": "Suppress" } });
    expect(suppressed.status).toBe(401);
    expect(suppressed.headers.get("www-authenticate")).toContain(`authorization_uri=${sandbox.origin}/${TENANT.litware}`);
  });

  it("refuses a Contoso token for the Litware organization", async () => {
    const contoso = await agentToken(identity, sandbox, TENANT.contoso, ADO_SCOPE);
    const response = await fetch(ado("/_apis/projects?api-version=7.1"), { method: "GET", headers: { authorization: `Bearer ${contoso}`, "X-TFS-FedAuthRedirect": "Suppress" } });
    expect(response.status).toBe(401);
  });

  it("accepts a valid PAT and treats an expired one as bad credentials", async () => {
    const valid = await fetch(ado("/Payments/_apis/git/repositories/payments-api/items?path=/README.md&api-version=7.1"), { headers: pat(ADO_PATS.devCodeAndWork) });
    expect(valid.status).toBe(200);
    expect(await valid.text()).toContain("# payments-api");
    const expired = await fetch(ado("/_apis/projects?api-version=7.1"), { headers: pat(ADO_PATS.devExpired) });
    expect(expired.status).toBe(203);
    const expiredPost = await fetch(ado("/_apis/security/permissionevaluationbatch?api-version=7.1"), {
      method: "POST",
      headers: { ...pat(ADO_PATS.devExpired), "content-type": "application/json" },
      body: "{}",
    });
    expect(expiredPost.status).toBe(401);
    expect((await json<{ message: string }>(expiredPost)).message).toBe("TF400813: The user '' is not authorized to access this resource.");
  });
});

describe("ADO writes proven for real", () => {
  it("creates a pull request thread on payments-api and is refused on payments-web", async () => {
    const thread = { comments: [{ parentCommentId: 0, content: "Permission probe from TenantBridge", commentType: 1 }], status: 1 };
    const created = await fetch(ado("/Payments/_apis/git/repositories/payments-api/pullRequests/1/threads?api-version=7.1"), {
      method: "POST",
      headers: asConnector({ "content-type": "application/json" }),
      body: JSON.stringify(thread),
    });
    expect(created.status).toBe(200);
    const createdBody = await json<{ id: number; comments: { author: { id: string } }[] }>(created);
    expect(createdBody.comments[0]?.author.id).toBe(CONNECTOR_APP.spLitware);
    const stored = sandbox.world().ado.organizations[0]!.projects[0]!.repositories[0]!.pullRequests[0]!.threads;
    expect(stored.map((item) => item.id)).toEqual([createdBody.id]);
    const refused = await fetch(ado("/Payments/_apis/git/repositories/payments-web/pullRequests/2/threads?api-version=7.1"), {
      method: "POST",
      headers: asConnector({ "content-type": "application/json" }),
      body: JSON.stringify(thread),
    });
    expect(refused.status).toBe(403);
    expect((await json<{ message: string }>(refused)).message).toMatch(/^TF401027: You need the Git 'PullRequestContribute' permission/);
  });

  it("creates a work item under Payments\\Checkout, reads it back, and is refused under Payments\\Ledger", async () => {
    const patch = (areaPath: string) =>
      JSON.stringify([
        { op: "add", path: "/fields/System.Title", value: "Permission probe" },
        { op: "add", path: "/fields/System.AreaPath", value: areaPath },
      ]);
    const headers = asConnector({ "content-type": "application/json-patch+json" });
    const created = await fetch(ado("/Payments/_apis/wit/workitems/$Task?api-version=7.1"), { method: "POST", headers, body: patch("Payments\\Checkout") });
    expect(created.status).toBe(200);
    const { id } = await json<{ id: number }>(created);
    const fetched = await json<{ fields: Record<string, unknown> }>(await fetch(ado(`/_apis/wit/workitems/${id}?api-version=7.1`), { headers: asConnector() }));
    expect(fetched.fields["System.AreaPath"]).toBe("Payments\\Checkout");
    const refused = await fetch(ado("/Payments/_apis/wit/workitems/$Task?api-version=7.1"), { method: "POST", headers, body: patch("Payments\\Ledger") });
    expect(refused.status).toBe(403);
    expect((await json<{ message: string }>(refused)).message).toMatch(/^TF237111: /);
  });

  it("lets the work-items PAT create a work item and refuses the code-only PAT", async () => {
    const body = JSON.stringify([{ op: "add", path: "/fields/System.Title", value: "From a PAT" }]);
    const withWork = await fetch(ado("/Payments/_apis/wit/workitems/$Bug?api-version=7.1"), {
      method: "POST",
      headers: { ...pat(ADO_PATS.devCodeAndWork), "content-type": "application/json-patch+json" },
      body,
    });
    expect(withWork.status).toBe(200);
    const codeOnly = await fetch(ado("/Payments/_apis/wit/workitems/$Bug?api-version=7.1"), {
      method: "POST",
      headers: { ...pat(ADO_PATS.devCodeOnly), "content-type": "application/json-patch+json" },
      body,
    });
    expect(codeOnly.status).toBe(401);
  });
});
