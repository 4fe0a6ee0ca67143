import { describe, expect, it } from "vitest";
import type { SandboxResponse } from "../contract";
import { request, signTestToken, testContext, type TestContext, TEST_ORIGIN } from "../ado/testing/sandbox-test-context";
import { CONNECTOR_APP, TENANT, USER } from "../world/default/ids";
import { KUSTO_RESOURCE } from "./authenticate";
import { kustoService } from "./index";

type OneApiError = { error: { code: string; "@type": string; "@message": string } };

const appToken = (aud = KUSTO_RESOURCE, tid: string = TENANT.litware) => signTestToken({ aud, tid, oid: CONNECTOR_APP.spLitware, appid: CONNECTOR_APP.appId, idtyp: "app" });
const userToken = (user: { oid: string; upn: string }) => signTestToken({ aud: KUSTO_RESOURCE, tid: TENANT.litware, oid: user.oid, upn: user.upn, scp: "user_impersonation", idtyp: "user" });

async function post(ctx: TestContext, path: string, token: string, body: unknown, headers: Record<string, string> = {}): Promise<SandboxResponse> {
  const response = await kustoService.handle(
    request("POST", `/kusto/litware${path}`, { headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8", ...headers }, body }),
    ctx,
  );
  if (!response) throw new Error(`no route for ${path}`);
  return response;
}

describe("Kusto auth metadata", () => {
  it("names the Kusto resource and the sandbox as login endpoint", async () => {
    const response = await kustoService.handle(request("GET", "/kusto/litware/v1/rest/auth/metadata"), testContext());
    expect(response?.body).toMatchObject({ AzureAD: { KustoServiceResourceId: "https://kusto.kusto.windows.net", LoginEndpoint: TEST_ORIGIN } });
  });

  it("does not know other clusters or paths", async () => {
    expect(await kustoService.handle(request("GET", "/kusto/nowhere/v1/rest/auth/metadata"), testContext())).toBeNull();
    expect(await kustoService.handle(request("GET", "/kusto/litware/v1/rest/query"), testContext())).toBeNull();
  });
});

describe("Kusto queries", () => {
  it("runs a v2 query for a viewer and echoes the client request id", async () => {
    const ctx = testContext();
    const response = await post(ctx, "/v2/rest/query", await appToken(), { db: "Telemetry", csl: "Requests | count" }, { "x-ms-client-request-id": "KNC.execute;abc" });
    expect(response.status).toBe(200);
    expect(response.headers?.["x-ms-client-request-id"]).toBe("KNC.execute;abc");
    expect(response.headers?.["x-ms-activity-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const frames = response.body as { FrameType: string; TableKind?: string; Rows?: unknown[][] }[];
    expect(frames.map((frame) => frame.TableKind ?? frame.FrameType)).toEqual(["DataSetHeader", "QueryProperties", "PrimaryResult", "QueryCompletionInformation", "DataSetCompletion"]);
    expect(frames.find((frame) => frame.TableKind === "PrimaryResult")?.Rows).toEqual([[10]]);
  });

  it("answers v1 with the table of contents last", async () => {
    const response = await post(testContext(), "/v1/rest/query", await appToken(), { db: "Telemetry", csl: "print x=1" });
    const tables = (response.body as { Tables: { TableName: string; Rows: unknown[][] }[] }).Tables;
    expect(tables).toHaveLength(4);
    expect(tables[0]?.Rows).toEqual([[1]]);
    expect(tables[3]?.Rows.map((row) => row[1])).toEqual(["QueryResult", "QueryProperties", "QueryStatus"]);
  });

  it("accepts the cluster URL as audience, with or without a trailing slash", async () => {
    const ctx = testContext();
    for (const aud of [`${TEST_ORIGIN}/kusto/litware`, `${TEST_ORIGIN}/kusto/litware/`]) {
      expect((await post(ctx, "/v2/rest/query", await appToken(aud), { db: "Telemetry", csl: "print x=1" })).status).toBe(200);
    }
  });

  it("answers 401 with a Bearer challenge for a wrong audience or tenant", async () => {
    const ctx = testContext();
    for (const token of [await appToken("https://management.azure.com/"), await appToken(KUSTO_RESOURCE, TENANT.contoso), "garbage"]) {
      const response = await post(ctx, "/v2/rest/query", token, { db: "Telemetry", csl: "print x=1" });
      expect(response.status).toBe(401);
      expect(response.headers?.["www-authenticate"]).toMatch(/^Bearer /);
    }
  });

  it("answers ADX's 403 text to a principal without a viewer role", async () => {
    const response = await post(testContext(), "/v2/rest/query", await appToken(), { db: "Billing", csl: "Invoices | count" });
    expect(response.status).toBe(403);
    const body = response.body as OneApiError;
    expect(body.error["@message"]).toBe(`Principal 'aadapp=${CONNECTOR_APP.appId};${TENANT.litware}' is not authorized to read database 'Billing'.`);
    expect(body.error["@type"]).toBe("Kusto.DataNode.Exceptions.UnauthorizedDatabaseAccessException");
  });

  it("does not let a monitor read data", async () => {
    const response = await post(testContext(), "/v2/rest/query", await userToken(USER.litwareIntern), { db: "Telemetry", csl: "Requests | count" });
    expect((response.body as OneApiError).error["@message"]).toBe(`Principal 'aaduser=${USER.litwareIntern.oid};${TENANT.litware}' is not authorized to read database 'Telemetry'.`);
  });

  it("reports SEM0100 and unsupported syntax as General_BadRequest", async () => {
    const ctx = testContext();
    const unknown = await post(ctx, "/v2/rest/query", await appToken(), { db: "Telemetry", csl: "Nope | count" });
    expect(unknown.status).toBe(400);
    expect((unknown.body as OneApiError).error).toMatchObject({
      code: "General_BadRequest",
      "@message": "Request is invalid and cannot be processed: Semantic error: SEM0100: 'table' operator: Failed to resolve table expression named 'Nope'",
    });
    const unsupported = await post(ctx, "/v2/rest/query", await appToken(), { db: "Telemetry", csl: "Requests | join Incidents" });
    expect((unsupported.body as OneApiError).error.code).toBe("General_BadRequest");
    expect((await post(ctx, "/v2/rest/query", await appToken(), { csl: 3 })).status).toBe(400);
  });
});

describe("Kusto management commands", () => {
  const table = (response: SandboxResponse) => (response.body as { Tables: { Columns: { ColumnName: string }[]; Rows: unknown[][] }[] }).Tables[0]!;

  it("shows the caller's roles and the databases it can see", async () => {
    const ctx = testContext();
    const token = await appToken();
    const roles = table(await post(ctx, "/v1/rest/mgmt", token, { db: "Telemetry", csl: ".show principal roles" }));
    expect(roles.Columns.map((column) => column.ColumnName)).toEqual(["Scope", "DisplayName", "AADObjectID", "Role"]);
    expect(roles.Rows).toEqual([["Database Telemetry", "TenantBridge Connector", CONNECTOR_APP.appId, "Viewer"]]);
    const databases = table(await post(ctx, "/v1/rest/mgmt", token, { db: "Telemetry", csl: ".show databases" }));
    expect(databases.Rows.map((row) => row[0])).toEqual(["Telemetry"]);
    const principals = table(await post(ctx, "/v1/rest/mgmt", token, { db: "Telemetry", csl: ".show database Telemetry principals" }));
    expect(principals.Rows.map((row) => row[4])).toContain(`aadapp=${CONNECTOR_APP.appId};${TENANT.litware}`);
    const hidden = await post(ctx, "/v1/rest/mgmt", token, { db: "Billing", csl: ".show database Billing principals" });
    expect(hidden.status).toBe(403);
  });

  it("replays the viewer grant an admin runs, after which the connector reads Billing", async () => {
    const ctx = testContext();
    const connector = await appToken();
    expect((await post(ctx, "/v2/rest/query", connector, { db: "Billing", csl: "Invoices | count" })).status).toBe(403);
    const grant = `.add database Billing viewers ('aadapp=${CONNECTOR_APP.appId};${TENANT.litware}') 'TenantBridge Connector'`;
    expect((await post(ctx, "/v1/rest/mgmt", connector, { db: "Billing", csl: grant })).status).toBe(403);
    const granted = await post(ctx, "/v1/rest/mgmt", await userToken(USER.litwareAdmin), { db: "Billing", csl: grant });
    expect(granted.status).toBe(200);
    const after = await post(ctx, "/v2/rest/query", connector, { db: "Billing", csl: "Invoices | count" });
    expect((after.body as { TableKind?: string; Rows?: unknown[][] }[]).find((frame) => frame.TableKind === "PrimaryResult")?.Rows).toEqual([[3]]);
  });

  it("refuses unknown commands and queries sent to mgmt", async () => {
    const response = await post(testContext(), "/v1/rest/mgmt", await appToken(), { db: "Telemetry", csl: ".drop table Requests" });
    expect(response.status).toBe(400);
  });
});
