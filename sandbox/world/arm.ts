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
  // Data-plane roles (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles):
  // their dataActions are what Storage and Key Vault check; Owner, Contributor and Reader have none.
  "Storage Blob Data Reader": {
    id: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    actions: ["Microsoft.Storage/storageAccounts/blobServices/containers/read"],
    dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
  },
  "Storage Blob Data Contributor": {
    id: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    actions: ["Microsoft.Storage/storageAccounts/blobServices/containers/*"],
    dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"],
  },
  "Key Vault Secrets User": {
    id: "4633458b-17de-408a-b874-0445c86b69e6",
    actions: [],
    dataActions: ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"],
  },
  "Key Vault Reader": {
    id: "21090545-7ca7-4776-b22c-e363652d74d2",
    actions: ["Microsoft.KeyVault/*/read"],
    dataActions: ["Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"],
  },
} as const;
export type ArmRoleName = keyof typeof ARM_BUILT_IN_ROLES;

export const armRoleAssignmentSchema = z
  .object({
    /** The assignment's name (a GUID), the last segment of its resource id. */
    name: z.guid(),
    principalId: z.guid(),
    principalType: z.enum(["User", "ServicePrincipal", "Group", "ForeignGroup"]),
    role: z.enum(Object.keys(ARM_BUILT_IN_ROLES) as [ArmRoleName, ...ArmRoleName[]]),
    /** `/subscriptions/{id}`, `/subscriptions/{id}/resourceGroups/{name}`, or a resource in it (`…/providers/Microsoft.Storage/storageAccounts/{name}`). */
    scope: z.string().regex(/^\/subscriptions\/[0-9a-fA-F-]{36}(\/resourceGroups\/[^/]+(\/providers\/[^/]+\/[^/]+\/[^/]+)?)?$/),
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

/** A storage account (its blob endpoint is {origin}/storage/{name}, like https://{name}.blob.core.windows.net). */
export const storageAccountSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]{3,24}$/),
    resourceGroup: z.string().min(1),
    location: z.string().min(1).default("westeurope"),
    containers: z.array(z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/)).default([]),
  })
  .strict();

/** A key vault (its endpoint is {origin}/keyvault/{name}, like https://{name}.vault.azure.net), RBAC-authorized. */
export const keyVaultSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/),
    resourceGroup: z.string().min(1),
    location: z.string().min(1).default("westeurope"),
    /** Secret names only: the sandbox never serves secret values. */
    secrets: z.array(z.string().regex(/^[0-9a-zA-Z-]{1,127}$/)).default([]),
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
    storageAccounts: z.array(storageAccountSchema).default([]),
    keyVaults: z.array(keyVaultSchema).default([]),
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
export type StorageAccount = z.output<typeof storageAccountSchema>;
export type KeyVault = z.output<typeof keyVaultSchema>;

export const storageAccountScope = (subscriptionId: string, account: StorageAccount) =>
  `/subscriptions/${subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account.name}`;
export const keyVaultScope = (subscriptionId: string, vault: KeyVault) => `/subscriptions/${subscriptionId}/resourceGroups/${vault.resourceGroup}/providers/Microsoft.KeyVault/vaults/${vault.name}`;
