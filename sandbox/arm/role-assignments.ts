// Role assignments: list (needs roleAssignments/read) and create with PUT (needs
// roleAssignments/write, i.e. Owner or User Access Administrator). Like ARM, a PUT without
// principalType checks that the principal exists in the subscription's tenant
// (PrincipalNotFound); with principalType set the check is skipped, which is exactly how an
// assignment to another tenant's object id gets created in the first place.
import { z } from "zod";
import type { SandboxContext, SandboxResponse } from "../contract";
import { ARM_BUILT_IN_ROLES, type ArmRoleAssignment, type ArmRoleName, type ArmSubscription } from "../world/arm";
import type { World } from "../world/schema";
import type { ArmCaller } from "./authenticate";
import { isAuthorized, scopeCovers } from "./authorization";
import { armError, armJson, authorizationFailed } from "./errors";

const READ = "Microsoft.Authorization/roleAssignments/read";
const WRITE = "Microsoft.Authorization/roleAssignments/write";

export function roleDefinitionId(subscriptionId: string, role: ArmRoleName): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ARM_BUILT_IN_ROLES[role].id}`;
}

function assignmentJson(subscription: ArmSubscription, assignment: ArmRoleAssignment) {
  return {
    properties: {
      roleDefinitionId: roleDefinitionId(subscription.subscriptionId, assignment.role),
      principalId: assignment.principalId,
      principalType: assignment.principalType,
      scope: assignment.scope,
      condition: null,
      conditionVersion: null,
      createdOn: assignment.createdOn,
      updatedOn: assignment.createdOn,
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
      description: assignment.description ?? null,
    },
    id: `${assignment.scope}/providers/Microsoft.Authorization/roleAssignments/${assignment.name}`,
    type: "Microsoft.Authorization/roleAssignments",
    name: assignment.name,
  };
}

export function listRoleAssignments(ctx: SandboxContext, caller: ArmCaller, subscription: ArmSubscription, scope: string, filter: string | null): SandboxResponse {
  if (!isAuthorized(subscription, caller.objectId, READ, scope)) return authorizationFailed(ctx, { name: caller.clientName, objectId: caller.objectId }, READ, scope);
  const principal = filter ? /principalId\s+eq\s+'([^']+)'/i.exec(filter)?.[1] : undefined;
  const atScope = filter ? /atScope\(\)/i.test(filter) : false;
  const value = subscription.roleAssignments
    .filter((assignment) => (atScope ? scopeCovers(assignment.scope, scope) : scopeCovers(assignment.scope, scope) || scopeCovers(scope, assignment.scope)))
    .filter((assignment) => !principal || assignment.principalId.toLowerCase() === principal.toLowerCase())
    .map((assignment) => assignmentJson(subscription, assignment));
  return armJson(ctx, { value });
}

// ARM ignores unknown properties in a PUT body, so they are dropped rather than refused.
const putSchema = z.object({
  properties: z.object({
    roleDefinitionId: z.string().min(1),
    principalId: z.guid(),
    principalType: z.enum(["User", "ServicePrincipal", "Group", "ForeignGroup"]).optional(),
    description: z.string().max(2048).optional(),
  }),
});

/** The part of the identity world this check reads; the services do not depend on its full schema. */
type DirectoryView = {
  users?: { oid: string; tenantId: string; guestOf?: string[] }[];
  servicePrincipals?: { id: string; tenantId: string }[];
  managedIdentities?: { principalId: string; tenantId: string }[];
};

function principalInTenant(world: World, principalId: string, tenantId: string): ArmRoleAssignment["principalType"] | undefined {
  const directory = world as unknown as DirectoryView; // read-only view of the identity part, owned by the Entra side
  const id = principalId.toLowerCase();
  if (directory.users?.some((user) => user.oid.toLowerCase() === id && (user.tenantId === tenantId || user.guestOf?.includes(tenantId)))) return "User";
  if (directory.servicePrincipals?.some((sp) => sp.id.toLowerCase() === id && sp.tenantId === tenantId)) return "ServicePrincipal";
  if (directory.managedIdentities?.some((mi) => mi.principalId.toLowerCase() === id && mi.tenantId === tenantId)) return "ServicePrincipal";
  return undefined;
}

export function putRoleAssignment(ctx: SandboxContext, caller: ArmCaller, subscription: ArmSubscription, scope: string, name: string, rawBody: unknown): SandboxResponse {
  if (!isAuthorized(subscription, caller.objectId, WRITE, scope)) return authorizationFailed(ctx, { name: caller.clientName, objectId: caller.objectId }, WRITE, scope);
  if (!z.guid().safeParse(name).success) return armError(ctx, 400, "InvalidRoleAssignmentId", `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`);
  const parsed = putSchema.safeParse(rawBody);
  if (!parsed.success) {
    return armError(
      ctx,
      400,
      "InvalidRequestContent",
      `The request content was invalid and could not be deserialized: ${parsed.error.issues.map((issue) => `'${issue.path.join(".")}' ${issue.message}`).join("; ")}.`,
    );
  }
  const { roleDefinitionId: definitionId, principalId, principalType, description } = parsed.data.properties;
  const roleGuid = definitionId.split("/").pop()?.toLowerCase();
  const role = (Object.keys(ARM_BUILT_IN_ROLES) as ArmRoleName[]).find((candidate) => ARM_BUILT_IN_ROLES[candidate].id === roleGuid);
  if (!role) return armError(ctx, 400, "RoleDefinitionDoesNotExist", `The specified role definition with ID '${roleGuid ?? definitionId}' does not exist.`);
  let type = principalType;
  if (!type) {
    type = principalInTenant(ctx.world(), principalId, subscription.tenantId);
    if (!type) {
      return armError(
        ctx,
        400,
        "PrincipalNotFound",
        `Principal ${principalId.replace(/-/g, "")} does not exist in the directory ${subscription.tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
      );
    }
  }
  const duplicate = subscription.roleAssignments.find(
    (assignment) => assignment.principalId.toLowerCase() === principalId.toLowerCase() && assignment.role === role && assignment.scope.toLowerCase() === scope.toLowerCase(),
  );
  if (duplicate && duplicate.name !== name) return armError(ctx, 409, "RoleAssignmentExists", "The role assignment already exists.");
  if (duplicate) return armJson(ctx, assignmentJson(subscription, duplicate));
  if (subscription.roleAssignments.some((assignment) => assignment.name === name)) {
    return armError(ctx, 409, "RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");
  }
  const assignment: ArmRoleAssignment = { name, principalId, principalType: type, role, scope, createdOn: new Date().toISOString(), ...(description ? { description } : {}) };
  ctx.mutate((world) => {
    world.arm.subscriptions.find((candidate) => candidate.subscriptionId === subscription.subscriptionId)?.roleAssignments.push(assignment);
  });
  return armJson(ctx, assignmentJson(subscription, assignment), 201);
}
