// Seed 002 replayed against the running sandbox with the real @azure/identity chain: the
// connector's Litware token is refused with AuthorizationFailed because Litware's role
// assignments name object ids from Contoso; once the role is assigned to the service principal
// Litware knows, the same token lists the resource groups.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { agentToken, loadIdentity } from "../ado/testing/agent-credential";
import { admin, cloneWorld, startTestSandbox } from "../testing/test-sandbox";
import { CONNECTOR_APP, SUBSCRIPTION, TENANT } from "../world/default/ids";

let sandbox: RunningSandbox;
let identity: Awaited<ReturnType<typeof loadIdentity>>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  identity = await loadIdentity(sandbox);
});
afterEach(async () => {
  await admin(sandbox, "POST", "/reset");
});
afterAll(async () => {
  await sandbox.stop();
});

const ARM_SCOPE = "https://management.azure.com/.default";
const resourceGroups = () => `${sandbox.origin}/arm/subscriptions/${SUBSCRIPTION.litware}/resourceGroups?api-version=2024-08-01`;

describe("ARM: a role assignment to another tenant's object id", () => {
  it("answers AuthorizationFailed, then lists resource groups after the right assignment", async () => {
    const token = await agentToken(identity, sandbox, TENANT.litware, ARM_SCOPE);
    const denied = await fetch(resourceGroups(), { headers: { authorization: `Bearer ${token}` } });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({
      error: {
        code: "AuthorizationFailed",
        message: `The client '${CONNECTOR_APP.spLitware}' with object id '${CONNECTOR_APP.spLitware}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/${SUBSCRIPTION.litware}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      },
    });

    const world = cloneWorld(sandbox);
    const subscription = world.arm.subscriptions.find((candidate) => candidate.subscriptionId === SUBSCRIPTION.litware)!;
    // The mistaken assignment names the connector's Contoso service principal.
    expect(subscription.roleAssignments.some((assignment) => assignment.principalId === CONNECTOR_APP.spContoso)).toBe(true);
    subscription.roleAssignments.push({
      name: "5b000000-aa00-4000-8000-0000000000c1",
      principalId: CONNECTOR_APP.spLitware,
      principalType: "ServicePrincipal",
      role: "Reader",
      scope: `/subscriptions/${SUBSCRIPTION.litware}`,
      createdOn: new Date().toISOString(),
    });
    expect((await admin(sandbox, "PUT", "/world", world)).status).toBe(200);

    const allowed = await fetch(resourceGroups(), { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    const body = (await allowed.json()) as { value: { id: string }[] };
    expect(body.value.map((group) => group.id)).toContain(`/subscriptions/${SUBSCRIPTION.litware}/resourceGroups/payments-prod-rg`);
  });

  it("refuses the connector's Contoso token for the Litware subscription", async () => {
    const token = await agentToken(identity, sandbox, TENANT.contoso, ARM_SCOPE);
    const response = await fetch(resourceGroups(), { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("InvalidAuthenticationTokenTenant");
  });

  it("checks new assignments against Litware's directory unless principalType is forced", async () => {
    // Writing role assignments needs Owner; the connector gets it in this world to drive the PUTs.
    const world = cloneWorld(sandbox);
    world.arm.subscriptions
      .find((candidate) => candidate.subscriptionId === SUBSCRIPTION.litware)!
      .roleAssignments.push({
        name: "5b000000-aa00-4000-8000-0000000000c2",
        principalId: CONNECTOR_APP.spLitware,
        principalType: "ServicePrincipal",
        role: "Owner",
        scope: `/subscriptions/${SUBSCRIPTION.litware}/resourceGroups/telemetry-rg`,
        createdOn: new Date().toISOString(),
      });
    sandbox.loadWorld(world);
    const token = await agentToken(identity, sandbox, TENANT.litware, ARM_SCOPE);
    const roleDefinitionId = `/subscriptions/${SUBSCRIPTION.litware}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;
    const put = (name: string, properties: object) =>
      fetch(`${sandbox.origin}/arm/subscriptions/${SUBSCRIPTION.litware}/resourceGroups/telemetry-rg/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=2022-04-01`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ properties }),
      });

    const contosoObject = await put("5b000000-aa00-4000-8000-0000000000c3", { roleDefinitionId, principalId: CONNECTOR_APP.objectId });
    expect(contosoObject.status).toBe(400);
    expect(((await contosoObject.json()) as { error: { code: string; message: string } }).error.message).toContain(`does not exist in the directory ${TENANT.litware}`);

    const forced = await put("5b000000-aa00-4000-8000-0000000000c4", { roleDefinitionId, principalId: CONNECTOR_APP.objectId, principalType: "ServicePrincipal" });
    expect(forced.status).toBe(201);

    const litwarePrincipal = await put("5b000000-aa00-4000-8000-0000000000c5", { roleDefinitionId, principalId: CONNECTOR_APP.spLitware });
    expect(litwarePrincipal.status).toBe(201);
    expect(((await litwarePrincipal.json()) as { properties: { principalType: string } }).properties.principalType).toBe("ServicePrincipal");
  });
});
