import { describe, expect, it } from "vitest";
import type { SandboxResponse } from "../contract";
import { ADO_IDS, ADO_PATS } from "../world/default/ado";
import { CONNECTOR_APP, TENANT, USER, WRONG_SUBJECT_APP } from "../world/default/ids";
import { ADO_RESOURCE_ID } from "./authenticate";
import { adoService } from "./index";
import { request, signTestToken, testContext, type TestContext } from "./testing/sandbox-test-context";

const L = ADO_IDS.litware;
type Json = Record<string, unknown> & { value?: unknown[]; count?: number; message?: string };

async function appToken(oid: string, appid: string, tid: string = TENANT.litware) {
  return signTestToken({ aud: ADO_RESOURCE_ID, tid, oid, appid, idtyp: "app" });
}
async function userToken(user: { oid: string; upn: string }) {
  return signTestToken({ aud: ADO_RESOURCE_ID, tid: TENANT.litware, oid: user.oid, upn: user.upn, scp: "user_impersonation", idtyp: "user" });
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const basic = (pat: string) => ({ authorization: `Basic ${Buffer.from(`:${pat}`).toString("base64")}` });

async function call(ctx: TestContext, method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}): Promise<SandboxResponse & { json: Json }> {
  const response = await adoService.handle(request(method, path, init), ctx);
  if (!response) throw new Error(`no route for ${method} ${path}`);
  return { ...response, json: (typeof response.body === "object" ? response.body : {}) as Json };
}

describe("ADO credentials", () => {
  it("answers a GET with bad credentials with a 203 sign-in page, and 401 when FedAuth redirect is suppressed", async () => {
    const ctx = testContext();
    const bad = { authorization: "Bearer not-a-token" };
    const page = await call(ctx, "GET", "/ado/litware/_apis/projects?api-version=7.1", { headers: bad });
    expect(page.status).toBe(203);
    expect(page.headers?.["content-type"]).toMatch(/text\/html/);
    const suppressed = await call(ctx, "GET", "/ado/litware/_apis/projects", { headers: { ...bad, "X-TFS-FedAuthRedirect": "Suppress" } });
    expect(suppressed.status).toBe(401);
    expect(suppressed.headers?.["www-authenticate"]).toContain(`Bearer authorization_uri=https://localhost:8443/${TENANT.litware}`);
    expect(suppressed.json.message).toBe("TF400813: The user '' is not authorized to access this resource.");
  });

  it("answers a POST with bad credentials with 401 TF400813 in ADO's error shape", async () => {
    const response = await call(testContext(), "POST", "/ado/litware/_apis/security/permissionevaluationbatch", { body: { evaluations: [] } });
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ $id: "1", innerException: null, typeKey: "UnauthorizedRequestException", errorCode: 0, eventId: 3000 });
  });

  it("rejects a valid token from another tenant and one for another resource", async () => {
    const ctx = testContext();
    const foreign = await appToken(CONNECTOR_APP.spContoso, CONNECTOR_APP.appId, TENANT.contoso);
    expect((await call(ctx, "GET", "/ado/litware/_apis/projects", { headers: bearer(foreign) })).status).toBe(203);
    const arm = await signTestToken({ aud: "https://management.azure.com/", tid: TENANT.litware, oid: CONNECTOR_APP.spLitware, idtyp: "app" });
    expect((await call(ctx, "GET", "/ado/litware/_apis/projects", { headers: { ...bearer(arm), "x-tfs-fedauthredirect": "Suppress" } })).status).toBe(401);
  });

  it("rejects an expired token", async () => {
    const expired = await signTestToken({ aud: ADO_RESOURCE_ID, tid: TENANT.litware, oid: CONNECTOR_APP.spLitware, idtyp: "app", expiresIn: -10 });
    expect((await call(testContext(), "GET", "/ado/litware/_apis/projects", { headers: bearer(expired) })).status).toBe(203);
  });

  it("answers TF401444 for a service principal of the tenant that is not an organization user", async () => {
    const token = await appToken(WRONG_SUBJECT_APP.spLitware, WRONG_SUBJECT_APP.appId);
    const response = await call(testContext(), "GET", "/ado/litware/_apis/projects", { headers: bearer(token) });
    expect(response.status).toBe(401);
    expect(response.json.message).toBe(
      `TF401444: Please sign-in at least once as ${TENANT.litware}\\${TENANT.litware}\\${WRONG_SUBJECT_APP.spLitware} in a web browser to enable access to the service.`,
    );
  });

  it("accepts a valid PAT and refuses expired or revoked ones like bad credentials", async () => {
    const ctx = testContext();
    expect((await call(ctx, "GET", "/ado/litware/_apis/projects", { headers: basic(ADO_PATS.devCodeAndWork) })).status).toBe(200);
    expect((await call(ctx, "GET", "/ado/litware/_apis/projects", { headers: basic(ADO_PATS.devExpired) })).status).toBe(203);
    expect((await call(ctx, "GET", "/ado/litware/_apis/projects", { headers: { ...basic(ADO_PATS.devRevoked), "X-TFS-FedAuthRedirect": "Suppress" } })).status).toBe(401);
    const other = await call(ctx, "GET", "/ado/litware/_apis/projects", { headers: { authorization: `Basic ${Buffer.from(`dev:${ADO_PATS.devCodeAndWork}`).toString("base64")}` } });
    expect(other.status).toBe(200);
  });

  it("refuses a route outside the PAT's scopes", async () => {
    const ctx = testContext();
    const codeOnly = basic(ADO_PATS.devCodeOnly);
    expect((await call(ctx, "GET", "/ado/litware/Payments/_apis/git/repositories", { headers: codeOnly })).status).toBe(200);
    const response = await call(ctx, "POST", "/ado/litware/Payments/_apis/wit/workitems/$Task", {
      headers: { ...codeOnly, "content-type": "application/json-patch+json" },
      body: [{ op: "add", path: "/fields/System.Title", value: "x" }],
    });
    expect(response.status).toBe(401);
  });

  it("serves connectionData only with a preview api-version, and anonymously without credentials", async () => {
    const ctx = testContext();
    const token = await appToken(CONNECTOR_APP.spLitware, CONNECTOR_APP.appId);
    const refused = await call(ctx, "GET", "/ado/litware/_apis/connectionData?api-version=7.1", { headers: bearer(token) });
    expect(refused.status).toBe(400);
    expect(refused.json.typeKey).toBe("VssInvalidPreviewVersionException");
    const ok = await call(ctx, "GET", "/ado/litware/_apis/connectionData?api-version=7.1-preview", { headers: bearer(token) });
    expect((ok.json.authenticatedUser as { id: string }).id).toBe(CONNECTOR_APP.spLitware);
    const anonymous = await call(ctx, "GET", "/ado/litware/_apis/connectionData");
    expect(anonymous.status).toBe(200);
    expect((anonymous.json.authenticatedUser as { providerDisplayName: string }).providerDisplayName).toBe("Anonymous");
    const suppressed = await call(ctx, "GET", "/ado/litware/_apis/connectionData", { headers: { "X-TFS-FedAuthRedirect": "Suppress" } });
    expect(suppressed.status).toBe(401);
  });

  it("does not know other paths or other organizations", async () => {
    const ctx = testContext();
    expect(await adoService.handle(request("GET", "/ado/litware/_apis/unknown"), ctx)).toBeNull();
    expect((await call(ctx, "GET", "/ado/nowhere/_apis/projects")).status).toBe(404);
  });
});

describe("ADO projects and repositories", () => {
  it("lists only the projects the caller belongs to, paged with x-ms-continuationtoken", async () => {
    const ctx = testContext();
    const connector = bearer(await appToken(CONNECTOR_APP.spLitware, CONNECTOR_APP.appId));
    const visible = await call(ctx, "GET", "/ado/litware/_apis/projects", { headers: connector });
    expect((visible.json.value as { name: string }[]).map((project) => project.name)).toEqual(["Payments"]);
    const admin = bearer(await userToken(USER.litwareAdmin));
    const first = await call(ctx, "GET", "/ado/litware/_apis/projects?$top=1", { headers: admin });
    expect(first.json.count).toBe(1);
    const next = first.headers?.["x-ms-continuationtoken"];
    expect(next).toBe("1");
    const second = await call(ctx, "GET", `/ado/litware/_apis/projects?$top=1&continuationToken=${next}`, { headers: admin });
    expect((second.json.value as { name: string }[])[0]?.name).toBe("Treasury");
    expect(second.headers?.["x-ms-continuationtoken"]).toBeUndefined();
  });

  it("answers TF200016 by name and VS800075 by id for a project the caller is not in", async () => {
    const ctx = testContext();
    const connector = bearer(await appToken(CONNECTOR_APP.spLitware, CONNECTOR_APP.appId));
    const byName = await call(ctx, "GET", "/ado/litware/_apis/projects/Treasury", { headers: connector });
    expect(byName.status).toBe(404);
    expect(byName.json).toMatchObject({ message: "TF200016: The following project does not exist: Treasury.", typeKey: "ProjectDoesNotExistWithNameException" });
    const byId = await call(ctx, "GET", `/ado/litware/${L.treasury}/_apis/git/repositories`, { headers: connector });
    expect(byId.json.message).toBe(`VS800075: The project with id 'vstfs:///Classification/TeamProject/${L.treasury}' does not exist, or you do not have permission to access it.`);
  });

  it("returns repositories with sandbox urls, and TF401019 for one the caller cannot read", async () => {
    const ctx = testContext();
    const connector = bearer(await appToken(CONNECTOR_APP.spLitware, CONNECTOR_APP.appId));
    const list = await call(ctx, "GET", "/ado/litware/Payments/_apis/git/repositories", { headers: connector });
    const repos = list.json.value as { name: string; remoteUrl: string; project: { id: string } }[];
    expect(repos.map((repo) => repo.name)).toEqual(["payments-api", "payments-web"]);
    expect(repos[0]?.remoteUrl).toBe("https://localhost:8443/ado/litware/Payments/_git/payments-api");
    expect(repos[0]?.project.id).toBe(L.payments);
    const intern = bearer(await userToken(USER.litwareIntern));
    expect((await call(ctx, "GET", "/ado/litware/Payments/_apis/git/repositories", { headers: intern })).json.count).toBe(0);
    const hidden = await call(ctx, "GET", "/ado/litware/Payments/_apis/git/repositories/payments-api", { headers: intern });
    expect(hidden.status).toBe(404);
    expect(hidden.json.message).toMatch(/^TF401019: The Git repository with name or identifier payments-api does not exist/);
  });

  it("serves file content raw, as JSON metadata, and folder listings", async () => {
    const ctx = testContext();
    const dev = basic(ADO_PATS.devCodeOnly);
    const raw = await call(ctx, "GET", "/ado/litware/Payments/_apis/git/repositories/payments-api/items?path=/README.md", { headers: dev });
    expect(raw.body).toContain("# payments-api");
    const json = await call(ctx, "GET", "/ado/litware/Payments/_apis/git/repositories/payments-api/items?path=/README.md&includeContent=true", { headers: dev });
    expect(json.json).toMatchObject({ gitObjectType: "blob", path: "/README.md" });
    expect(json.json.objectId).toMatch(/^[0-9a-f]{40}$/);
    const listing = await call(ctx, "GET", "/ado/litware/Payments/_apis/git/repositories/payments-api/items?scopePath=/&recursionLevel=Full", { headers: dev });
    expect((listing.json.value as { path: string }[]).map((item) => item.path)).toEqual(["/", "/README.md", "/docs", "/docs/runbook.md", "/src", "/src/refunds.ts"]);
    const missing = await call(ctx, "GET", "/ado/litware/Payments/_apis/git/repositories/payments-api/items?path=/nope.md", { headers: dev });
    expect(missing.json.message).toMatch(/^TF401174: /);
  });
});

describe("ADO areas and security", () => {
  it("returns area nodes with identifiers to the requested depth", async () => {
    const ctx = testContext();
    const connector = bearer(await appToken(CONNECTOR_APP.spLitware, CONNECTOR_APP.appId));
    const root = await call(ctx, "GET", "/ado/litware/Payments/_apis/wit/classificationnodes/areas?$depth=2", { headers: connector });
    expect(root.json).toMatchObject({ identifier: L.areaPayments, path: "\\Payments\\Area", hasChildren: true });
    expect((root.json.children as { name: string; path: string }[]).map((child) => child.path)).toEqual(["\\Payments\\Area\\Checkout", "\\Payments\\Area\\Ledger"]);
    const flat = await call(ctx, "GET", "/ado/litware/Payments/_apis/wit/classificationNodes/Areas", { headers: connector });
    expect(flat.json.children).toBeUndefined();
    const checkout = await call(ctx, "GET", "/ado/litware/Payments/_apis/wit/classificationnodes/areas/Checkout", { headers: connector });
    expect(checkout.json.identifier).toBe(L.areaCheckout);
    expect((await call(ctx, "GET", "/ado/litware/Payments/_apis/wit/classificationnodes/areas/Nope", { headers: connector })).status).toBe(404);
  });

  it("publishes the Git and CSS namespaces with their real bits", async () => {
    const ctx = testContext();
    const connector = bearer(await appToken(CONNECTOR_APP.spLitware, CONNECTOR_APP.appId));
    const css = await call(ctx, "GET", "/ado/litware/_apis/securitynamespaces/83e28ad4-2d72-4ceb-97b0-c7726d5502c3", { headers: connector });
    const actions = (css.json.value as { actions: { name: string; bit: number }[] }[])[0]?.actions;
    expect(actions?.find((action) => action.name === "WORK_ITEM_WRITE")?.bit).toBe(32);
    const all = await call(ctx, "GET", "/ado/litware/_apis/securitynamespaces", { headers: connector });
    const git = (all.json.value as { name: string; actions: { name: string; bit: number }[] }[]).find((namespace) => namespace.name === "Git Repositories");
    expect(git?.actions.find((action) => action.name === "PullRequestContribute")?.bit).toBe(16384);
  });

  it("answers one boolean per token for the caller", async () => {
    const ctx = testContext();
    const connector = bearer(await appToken(CONNECTOR_APP.spLitware, CONNECTOR_APP.appId));
    const tokens = [`repoV2/${L.payments}/${L.paymentsApi}`, `repoV2/${L.payments}/${L.paymentsWeb}`].join(",");
    const response = await call(ctx, "GET", `/ado/litware/_apis/permissions/2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87/16384?tokens=${encodeURIComponent(tokens)}&alwaysAllowAdministrators=false`, {
      headers: connector,
    });
    expect(response.json).toEqual({ count: 2, value: [true, false] });
  });

  it("evaluates a batch without short-circuiting", async () => {
    const ctx = testContext();
    const connector = bearer(await appToken(CONNECTOR_APP.spLitware, CONNECTOR_APP.appId));
    const node = (id: string) => `vstfs:///Classification/Node/${id}`;
    const response = await call(ctx, "POST", "/ado/litware/_apis/security/permissionevaluationbatch?api-version=7.1", {
      headers: { ...connector, "content-type": "application/json" },
      body: {
        alwaysAllowAdministrators: false,
        evaluations: [
          { securityNamespaceId: "83e28ad4-2d72-4ceb-97b0-c7726d5502c3", token: `${node(L.areaPayments)}:${node(L.areaLedger)}`, permissions: 32 },
          { securityNamespaceId: "83e28ad4-2d72-4ceb-97b0-c7726d5502c3", token: `${node(L.areaPayments)}:${node(L.areaCheckout)}`, permissions: 32 },
          { securityNamespaceId: "2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87", token: `repoV2/${L.payments}/${L.paymentsApi}`, permissions: 2 },
        ],
      },
    });
    expect((response.json.evaluations as { value: boolean }[]).map((evaluation) => evaluation.value)).toEqual([false, true, true]);
    const bad = await call(ctx, "POST", "/ado/litware/_apis/security/permissionevaluationbatch", { headers: connector, body: { evaluations: [{ token: 1 }] } });
    expect(bad.status).toBe(400);
  });
});

describe("ADO writes", () => {
  const patch = (title: string, areaPath: string) => [
    { op: "add", path: "/fields/System.Title", value: title },
    { op: "add", path: "/fields/System.AreaPath", value: areaPath },
  ];

  it("creates a PR thread where PullRequestContribute is allowed and refuses it with TF401027 where denied", async () => {
    const ctx = testContext();
    const connector = bearer(await appToken(CONNECTOR_APP.spLitware, CONNECTOR_APP.appId));
    const body = { comments: [{ parentCommentId: 0, content: "Looks good", commentType: 1 }], status: 1 };
    const created = await call(ctx, "POST", "/ado/litware/Payments/_apis/git/repositories/payments-api/pullRequests/1/threads", { headers: connector, body });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ id: 1, status: "active" });
    const listed = await call(ctx, "GET", "/ado/litware/Payments/_apis/git/repositories/payments-api/pullRequests/1/threads", { headers: connector });
    expect(listed.json.count).toBe(1);
    const refused = await call(ctx, "POST", "/ado/litware/Payments/_apis/git/repositories/payments-web/pullRequests/2/threads", { headers: connector, body });
    expect(refused.status).toBe(403);
    expect(refused.json.message).toBe("TF401027: You need the Git 'PullRequestContribute' permission to perform this action. Details: identity 'TenantBridge Connector', scope 'repository'.");
    const missing = await call(ctx, "POST", "/ado/litware/Payments/_apis/git/repositories/payments-api/pullRequests/99/threads", { headers: connector, body });
    expect(missing.json.message).toBe("TF401180: The requested pull request was not found.");
  });

  it("creates a work item under an area with WORK_ITEM_WRITE and refuses TF237111 elsewhere", async () => {
    const ctx = testContext();
    const connector = { ...bearer(await appToken(CONNECTOR_APP.spLitware, CONNECTOR_APP.appId)), "content-type": "application/json-patch+json" };
    const created = await call(ctx, "POST", "/ado/litware/Payments/_apis/wit/workitems/$Task?api-version=7.1", { headers: connector, body: patch("Probe", "Payments\\Checkout") });
    expect(created.status).toBe(200);
    const fields = created.json.fields as Record<string, unknown>;
    expect(fields["System.AreaPath"]).toBe("Payments\\Checkout");
    expect(fields["System.WorkItemType"]).toBe("Task");
    const fetched = await call(ctx, "GET", `/ado/litware/_apis/wit/workitems/${created.json.id}`, { headers: connector });
    expect((fetched.json.fields as Record<string, unknown>)["System.Title"]).toBe("Probe");
    const refused = await call(ctx, "POST", "/ado/litware/Payments/_apis/wit/workitems/%24Task", { headers: connector, body: patch("Probe", "Payments\\Ledger") });
    expect(refused.status).toBe(403);
    expect(refused.json.message).toBe("TF237111: The current user does not have permissions to save work items under the specified area path.");
  });

  it("insists on the JSON Patch media type and a known type, title and area", async () => {
    const ctx = testContext();
    const dev = bearer(await userToken(USER.litwareDev));
    const json = await call(ctx, "POST", "/ado/litware/Payments/_apis/wit/workitems/$Task", { headers: { ...dev, "content-type": "application/json" }, body: patch("x", "Payments") });
    expect(json.status).toBe(415);
    const headers = { ...dev, "content-type": "application/json-patch+json" };
    expect((await call(ctx, "POST", "/ado/litware/Payments/_apis/wit/workitems/$Spaceship", { headers, body: patch("x", "Payments") })).json.message).toMatch(/^VS402323: /);
    expect((await call(ctx, "POST", "/ado/litware/Payments/_apis/wit/workitems/$Task", { headers, body: [{ op: "add", path: "/fields/System.AreaPath", value: "Payments" }] })).json.message).toMatch(
      /^TF401320: /,
    );
    expect((await call(ctx, "POST", "/ado/litware/Payments/_apis/wit/workitems/$Task", { headers, body: patch("x", "Payments\\Nowhere") })).json.message).toMatch(/^TF401347: /);
    expect((await call(ctx, "POST", "/ado/litware/Payments/_apis/wit/workitems/$Bug", { headers, body: patch("x", "Payments\\Ledger") })).status).toBe(200);
  });

  it("hides a work item the caller may not read behind TF401232", async () => {
    const ctx = testContext();
    const outsider = bearer(await userToken(USER.litwareAdmin));
    expect((await call(ctx, "GET", "/ado/litware/_apis/wit/workitems/1", { headers: outsider })).status).toBe(200);
    const connector = bearer(await appToken(CONNECTOR_APP.spLitware, CONNECTOR_APP.appId));
    const missing = await call(ctx, "GET", "/ado/litware/_apis/wit/workitems/999", { headers: connector });
    expect(missing.json.message).toBe("TF401232: Work item 999 does not exist, or you do not have permissions to read it.");
  });
});
