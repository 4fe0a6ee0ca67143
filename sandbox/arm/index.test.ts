import { describe, expect, it } from "vitest";
import type { SandboxResponse } from "../contract";
import { request, signTestToken, testContext, type TestContext } from "../ado/testing/sandbox-test-context";
import { AGENT_IDENTITY, CONNECTOR_APP, SUBSCRIPTION, TENANT, USER } from "../world/default/ids";
import { armService } from "./index";
import { roleDefinitionId } from "./role-assignments";

type ArmErrorBody = { error: { code: string; message: string } };
const ARM = "https://management.azure.com/";
const subPath = `/arm/subscriptions/${SUBSCRIPTION.litware}`;

const connectorToken = (aud = ARM) => signTestToken({ aud, tid: TENANT.litware, oid: CONNECTOR_APP.spLitware, appid: CONNECTOR_APP.appId, idtyp: "app" });
const adminToken = () => signTestToken({ aud: ARM.slice(0, -1), tid: TENANT.litware, oid: USER.litwareAdmin.oid, upn: USER.litwareAdmin.upn, scp: "user_impersonation", idtyp: "user" });

async function send(ctx: TestContext, method: string, path: string, token?: string, body?: unknown): Promise<SandboxResponse & { error?: ArmErrorBody["error"] }> {
  const response = await armService.handle(request(method, path, { headers: token ? { authorization: `Bearer ${token}` } : {}, body }), ctx);
  if (!response) throw new Error(`no route for ${method} ${path}`);
  return { ...response, error: (response.body as Partial<ArmErrorBody>).error };
}

describe("ARM authentication", () => {
  it("refuses missing, invalid and wrong-audience tokens with 401 and a challenge", async () => {
    const ctx = testContext();
    const missing = await send(ctx, "GET", `${subPath}/resourcegroups?api-version=2024-08-01`);
    expect(missing.status).toBe(401);
    expect(missing.error?.code).toBe("AuthenticationFailed");
    expect(missing.headers?.["www-authenticate"]).toMatch(/^Bearer authorization_uri=/);
    expect((await send(ctx, "GET", `${subPath}/resourcegroups?api-version=2024-08-01`, "junk")).error?.code).toBe("InvalidAuthenticationToken");
    const kusto = await connectorToken("https://kusto.kusto.windows.net");
    expect((await send(ctx, "GET", `${subPath}/resourcegroups?api-version=2024-08-01`, kusto)).error?.code).toBe("InvalidAuthenticationTokenAudience");
  });

  it("refuses a token from another tenant for the subscription", async () => {
    const miToken = await signTestToken({ aud: ARM, tid: TENANT.contoso, oid: AGENT_IDENTITY.principalId, appid: AGENT_IDENTITY.clientId, idtyp: "app" });
    const response = await send(testContext(), "GET", `${subPath}/resourcegroups?api-version=2024-08-01`, miToken);
    expect(response.status).toBe(401);
    expect(response.error?.code).toBe("InvalidAuthenticationTokenTenant");
  });

  it("requires an api-version", async () => {
    const response = await send(testContext(), "GET", `${subPath}/resourcegroups`, await adminToken());
    expect(response.status).toBe(400);
    expect(response.error?.code).toBe("MissingApiVersionParameter");
  });

  it("does not know other paths", async () => {
    expect(await armService.handle(request("GET", "/arm/providers"), testContext())).toBeNull();
  });
});

describe("ARM seed 002: a role assigned to another tenant's object id", () => {
  it("answers AuthorizationFailed, then succeeds once the role is assigned to the Litware service principal", async () => {
    const ctx = testContext();
    const connector = await connectorToken();
    const denied = await send(ctx, "GET", `${subPath}/resourcegroups?api-version=2024-08-01`, connector);
    expect(denied.status).toBe(403);
    expect(denied.error).toEqual({
      code: "AuthorizationFailed",
      message: `The client '${CONNECTOR_APP.spLitware}' with object id '${CONNECTOR_APP.spLitware}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/${SUBSCRIPTION.litware}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    });
    // The subscription is listed (the connector holds data roles on Litware's storage account and
    // key vault), yet none of those lets it read resource groups.
    const listed = (await send(ctx, "GET", `/arm/subscriptions?api-version=2022-12-01`, connector)).body as { value: { subscriptionId: string }[] };
    expect(listed.value.map((item) => item.subscriptionId)).toEqual([SUBSCRIPTION.litware]);

    const assignment = `${subPath}/providers/Microsoft.Authorization/roleAssignments/5b000000-aa00-4000-8000-0000000000aa?api-version=2022-04-01`;
    const body = { properties: { roleDefinitionId: roleDefinitionId(SUBSCRIPTION.litware, "Reader"), principalId: CONNECTOR_APP.spLitware, principalType: "ServicePrincipal" } };
    const selfGrant = await send(ctx, "PUT", assignment, connector, body);
    expect(selfGrant.error?.code).toBe("AuthorizationFailed");
    const granted = await send(ctx, "PUT", assignment, await adminToken(), body);
    expect(granted.status).toBe(201);

    const allowed = await send(ctx, "GET", `${subPath}/resourcegroups?api-version=2024-08-01`, connector);
    expect(allowed.status).toBe(200);
    expect((allowed.body as { value: { name: string }[] }).value.map((group) => group.name)).toEqual(["payments-prod-rg", "payments-staging-rg", "telemetry-rg"]);
    const subscriptions = await send(ctx, "GET", `/arm/subscriptions?api-version=2022-12-01`, connector);
    expect((subscriptions.body as { value: { subscriptionId: string }[] }).value.map((item) => item.subscriptionId)).toEqual([SUBSCRIPTION.litware]);
  });

  it("lists the mistaken assignments to an administrator", async () => {
    const response = await send(testContext(), "GET", `${subPath}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`, await adminToken());
    const principals = (response.body as { value: { properties: { principalId: string } }[] }).value.map((item) => item.properties.principalId);
    expect(principals).toEqual([USER.litwareAdmin.oid, CONNECTOR_APP.spContoso, AGENT_IDENTITY.principalId, CONNECTOR_APP.spLitware, CONNECTOR_APP.spLitware]);
    const filtered = await send(
      testContext(),
      "GET",
      `${subPath}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent(`principalId eq '${CONNECTOR_APP.spContoso}'`)}`,
      await adminToken(),
    );
    expect((filtered.body as { value: unknown[] }).value).toHaveLength(1);
  });

  it("refuses an assignment without principalType to a principal the tenant does not know, and bad role ids", async () => {
    const ctx = testContext();
    const admin = await adminToken();
    const path = `${subPath}/providers/Microsoft.Authorization/roleAssignments/5b000000-aa00-4000-8000-0000000000ab?api-version=2022-04-01`;
    const unknown = await send(ctx, "PUT", path, admin, { properties: { roleDefinitionId: roleDefinitionId(SUBSCRIPTION.litware, "Reader"), principalId: CONNECTOR_APP.objectId } });
    expect(unknown.error?.code).toBe("PrincipalNotFound");
    const badRole = await send(ctx, "PUT", path, admin, {
      properties: {
        roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-4000-8000-000000000000",
        principalId: CONNECTOR_APP.spLitware,
        principalType: "ServicePrincipal",
      },
    });
    expect(badRole.error?.code).toBe("RoleDefinitionDoesNotExist");
    expect((await send(ctx, "PUT", path, admin, { properties: {} })).error?.code).toBe("InvalidRequestContent");
  });

  it("reads a single resource group or answers ResourceGroupNotFound", async () => {
    const ctx = testContext();
    const admin = await adminToken();
    expect((await send(ctx, "GET", `${subPath}/resourceGroups/telemetry-rg?api-version=2024-08-01`, admin)).body).toMatchObject({ name: "telemetry-rg", location: "northeurope" });
    expect((await send(ctx, "GET", `${subPath}/resourceGroups/nope?api-version=2024-08-01`, admin)).error?.code).toBe("ResourceGroupNotFound");
  });
});
