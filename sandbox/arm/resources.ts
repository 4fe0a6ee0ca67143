// Subscriptions and resource groups, in ARM's JSON shapes. Lists are filtered to what the
// caller may read, as ARM does; a single resource the caller may not read is AuthorizationFailed.
import type { SandboxContext, SandboxResponse } from "../contract";
import type { ArmResourceGroup, ArmSubscription } from "../world/arm";
import type { ArmCaller } from "./authenticate";
import { hasAnyAssignment, isAuthorized } from "./authorization";
import { armError, armJson, authorizationFailed } from "./errors";

const READ_SUBSCRIPTION = "Microsoft.Resources/subscriptions/read";
const READ_GROUPS = "Microsoft.Resources/subscriptions/resourcegroups/read";

export function subscriptionJson(subscription: ArmSubscription) {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    authorizationSource: "RoleBased",
    managedByTenants: [],
    subscriptionId: subscription.subscriptionId,
    tenantId: subscription.tenantId,
    displayName: subscription.displayName,
    state: subscription.state,
    subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: "PayAsYouGo_2014-09-01", spendingLimit: "Off" },
  };
}

function resourceGroupJson(subscription: ArmSubscription, group: ArmResourceGroup) {
  return {
    id: `/subscriptions/${subscription.subscriptionId}/resourceGroups/${group.name}`,
    name: group.name,
    type: "Microsoft.Resources/resourceGroups",
    location: group.location,
    ...(Object.keys(group.tags).length > 0 ? { tags: group.tags } : {}),
    properties: { provisioningState: "Succeeded" },
  };
}

/** GET /subscriptions: the subscriptions of the token's tenant where the caller holds any role. */
export function listSubscriptions(ctx: SandboxContext, caller: ArmCaller): SandboxResponse {
  const value = ctx
    .world()
    .arm.subscriptions.filter((subscription) => subscription.tenantId === caller.tenantId && hasAnyAssignment(subscription, caller.objectId))
    .map(subscriptionJson);
  return armJson(ctx, { value, count: { type: "Total", value: value.length } });
}

export function getSubscription(ctx: SandboxContext, caller: ArmCaller, subscription: ArmSubscription): SandboxResponse {
  if (!hasAnyAssignment(subscription, caller.objectId)) {
    return authorizationFailed(ctx, { name: caller.clientName, objectId: caller.objectId }, READ_SUBSCRIPTION, `/subscriptions/${subscription.subscriptionId}`);
  }
  return armJson(ctx, subscriptionJson(subscription));
}

export function listResourceGroups(ctx: SandboxContext, caller: ArmCaller, subscription: ArmSubscription): SandboxResponse {
  const scope = `/subscriptions/${subscription.subscriptionId}`;
  const readable = subscription.resourceGroups.filter((group) => isAuthorized(subscription, caller.objectId, READ_GROUPS, `${scope}/resourceGroups/${group.name}`));
  // Without read at the subscription or on any group, the list itself is refused (seed 002's 403).
  if (readable.length === 0 && !isAuthorized(subscription, caller.objectId, READ_GROUPS, scope)) {
    return authorizationFailed(ctx, { name: caller.clientName, objectId: caller.objectId }, READ_GROUPS, scope);
  }
  return armJson(ctx, { value: readable.map((group) => resourceGroupJson(subscription, group)) });
}

export function getResourceGroup(ctx: SandboxContext, caller: ArmCaller, subscription: ArmSubscription, name: string): SandboxResponse {
  const scope = `/subscriptions/${subscription.subscriptionId}/resourceGroups/${name}`;
  if (!isAuthorized(subscription, caller.objectId, READ_GROUPS, scope)) {
    return authorizationFailed(ctx, { name: caller.clientName, objectId: caller.objectId }, READ_GROUPS, scope);
  }
  const group = subscription.resourceGroups.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!group) return armError(ctx, 404, "ResourceGroupNotFound", `Resource group '${name}' could not be found.`);
  return armJson(ctx, resourceGroupJson(subscription, group));
}
