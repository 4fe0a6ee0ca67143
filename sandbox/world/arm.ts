// The Azure Resource Manager part of a world: subscriptions (each in one Entra tenant) with
// resource groups and role assignments. A role assignment names a principal by object id;
// ARM authorizes with the token's oid in the subscription's tenant, so an assignment to an
// object id from another tenant matches nobody (the seed 002 story).
import { z } from "zod";

/** Built-in roles the sandbox knows, with their real role definition ids. */
export const ARM_BUILT_IN_ROLES = {
  Owner: { id: "8e3af657-a8ff-443d-a75c-2c2a8c0c8f1d", actions: ["*"] },
  Contributor: { id: "b24988ac-6180-42a0-ab88-20f7382dd24c", actions: ["*"], notActions: ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"] },
  Reader: { id: "acdd72a7-3385-48ef-bd42-f606fba81ae7", actions: ["*/read"] },
} as const;
export type ArmRoleName = keyof typeof ARM_BUILT_IN_ROLES;

export const armRoleAssignmentSchema = z
  .object({
    /** The assignment's name (a GUID), the last segment of its resource id. */
    name: z.guid(),
    principalId: z.guid(),
    principalType: z.enum(["User", "ServicePrincipal", "Group", "ForeignGroup"]),
    role: z.enum(Object.keys(ARM_BUILT_IN_ROLES) as [ArmRoleName, ...ArmRoleName[]]),
    /** `/subscriptions/{id}` or `/subscriptions/{id}/resourceGroups/{name}`. */
    scope: z.string().regex(/^\/subscriptions\/[0-9a-fA-F-]{36}(\/resourceGroups\/[^/]+)?$/),
    description: z.string().optional(),
    createdOn: z.iso.datetime(),
  })
  .strict();

export const armResourceGroupSchema = z
  .object({
    name: z.string().regex(/^[-\w._()]{1,90}$/),
    location: z.string().min(1),
    tags: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const armSubscriptionSchema = z
  .object({
    subscriptionId: z.guid(),
    displayName: z.string().min(1),
    tenantId: z.guid(),
    state: z.enum(["Enabled", "Disabled", "Warned", "PastDue", "Deleted"]).default("Enabled"),
    resourceGroups: z.array(armResourceGroupSchema).default([]),
    roleAssignments: z.array(armRoleAssignmentSchema).default([]),
  })
  .strict();

export const armSchema = z
  .object({
    subscriptions: z.array(armSubscriptionSchema).default([]),
  })
  .strict();

export type ArmWorld = z.output<typeof armSchema>;
export type ArmSubscription = z.output<typeof armSubscriptionSchema>;
export type ArmRoleAssignment = z.output<typeof armRoleAssignmentSchema>;
export type ArmResourceGroup = z.output<typeof armResourceGroupSchema>;
