import { describe, expect, it } from "vitest";
import { armSchema } from "../world/arm";
import { armPart } from "../world/default/arm";
import { AGENT_IDENTITY, CONNECTOR_APP, SUBSCRIPTION, USER } from "../world/default/ids";
import { isAuthorized, roleAllows, scopeCovers } from "./authorization";

const litware = () => armSchema.parse(armPart).subscriptions[0]!;
const subScope = `/subscriptions/${SUBSCRIPTION.litware}`;
const READ_GROUPS = "Microsoft.Resources/subscriptions/resourcegroups/read";

describe("ARM authorization", () => {
  it("matches role actions with wildcards and NotActions", () => {
    expect(roleAllows("Reader", READ_GROUPS)).toBe(true);
    expect(roleAllows("Reader", "Microsoft.Resources/subscriptions/resourcegroups/write")).toBe(false);
    expect(roleAllows("Contributor", "Microsoft.Resources/subscriptions/resourcegroups/write")).toBe(true);
    expect(roleAllows("Contributor", "Microsoft.Authorization/roleAssignments/write")).toBe(false);
    expect(roleAllows("Owner", "Microsoft.Authorization/roleAssignments/write")).toBe(true);
  });

  it("applies an assignment at its scope and below, never above", () => {
    expect(scopeCovers(subScope, `${subScope}/resourceGroups/rg`)).toBe(true);
    expect(scopeCovers(`${subScope}/resourceGroups/rg`, subScope)).toBe(false);
    expect(scopeCovers(`${subScope}/resourceGroups/rg`, `${subScope}/resourceGroups/rg2`)).toBe(false);
    expect(scopeCovers(subScope.toUpperCase(), `${subScope}/RESOURCEGROUPS/x`)).toBe(true);
  });

  it("authorizes nobody through assignments to another tenant's object ids (seed 002)", () => {
    const subscription = litware();
    expect(isAuthorized(subscription, CONNECTOR_APP.spLitware, READ_GROUPS, subScope)).toBe(false);
    expect(isAuthorized(subscription, CONNECTOR_APP.spContoso, READ_GROUPS, subScope)).toBe(true); // only a Contoso token could carry this oid, and ARM refuses Contoso tokens for this subscription
    expect(isAuthorized(subscription, USER.litwareAdmin.oid, READ_GROUPS, subScope)).toBe(true);
    expect(isAuthorized(subscription, AGENT_IDENTITY.principalId, READ_GROUPS, subScope)).toBe(false);
  });

  it("authorizes the Litware service principal once the role is assigned to it", () => {
    const subscription = litware();
    subscription.roleAssignments.push({
      name: "5b000000-aa00-4000-8000-0000000000ff",
      principalId: CONNECTOR_APP.spLitware,
      principalType: "ServicePrincipal",
      role: "Reader",
      scope: subScope,
      createdOn: "2025-01-06T10:00:00Z",
    });
    expect(isAuthorized(subscription, CONNECTOR_APP.spLitware, READ_GROUPS, subScope)).toBe(true);
  });
});
