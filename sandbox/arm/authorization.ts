// Azure RBAC for the sandbox's subscriptions. An assignment applies at its scope and below; a
// role allows an action when one of its Actions patterns matches and no NotActions pattern
// does. Assignments are matched on the caller's object id IN THE SUBSCRIPTION'S TENANT, so one
// written for another tenant's object id (an app's home object, a managed identity from the
// agent's tenant) never matches anyone: the seed 002 mistake.
import { ARM_BUILT_IN_ROLES, type ArmRoleAssignment, type ArmSubscription } from "../world/arm";

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i");
}

type RoleDefinition = { actions: readonly string[]; notActions?: readonly string[]; dataActions?: readonly string[] };

export function roleAllows(role: ArmRoleAssignment["role"], action: string): boolean {
  const definition: RoleDefinition = ARM_BUILT_IN_ROLES[role];
  const allowed = definition.actions.some((pattern) => patternToRegExp(pattern).test(action));
  const excluded = (definition.notActions ?? []).some((pattern) => patternToRegExp(pattern).test(action));
  return allowed && !excluded;
}

/** Whether `scope` lies at or below `assignmentScope`, comparing path segments case-insensitively. */
export function scopeCovers(assignmentScope: string, scope: string): boolean {
  const parent = assignmentScope.toLowerCase().replace(/\/+$/, "");
  const child = scope.toLowerCase().replace(/\/+$/, "");
  return child === parent || child.startsWith(`${parent}/`);
}

export function isAuthorized(subscription: ArmSubscription, principalId: string, action: string, scope: string): boolean {
  return subscription.roleAssignments.some(
    (assignment) => assignment.principalId.toLowerCase() === principalId.toLowerCase() && scopeCovers(assignment.scope, scope) && roleAllows(assignment.role, action),
  );
}

/** Whether the principal holds any role anywhere in the subscription (what makes it listed). */
export function hasAnyAssignment(subscription: ArmSubscription, principalId: string): boolean {
  return subscription.roleAssignments.some((assignment) => assignment.principalId.toLowerCase() === principalId.toLowerCase());
}

/** Data-plane authorization (Storage, Key Vault): only a role's dataActions count, so Owner or Reader alone read no data. */
export function isDataAuthorized(subscription: ArmSubscription, principalId: string, dataAction: string, scope: string): boolean {
  return subscription.roleAssignments.some((assignment) => {
    if (assignment.principalId.toLowerCase() !== principalId.toLowerCase() || !scopeCovers(assignment.scope, scope)) return false;
    const definition: RoleDefinition = ARM_BUILT_IN_ROLES[assignment.role];
    return (definition.dataActions ?? []).some((pattern) => patternToRegExp(pattern).test(dataAction));
  });
}
