// The Azure resources an "azure" connector can reach: each is one Entra ID resource (the token's
// audience) and one real call that proves access, on a target inside it. No zod here: the new
// connector form reads these on its first load; the schema is azure-resource-schema.ts.

export const azureResources = ["arm", "storage", "graph", "keyvault"] as const;
export type AzureResource = (typeof azureResources)[number];

export type AzureResourceInfo = {
  label: string;
  /** The Entra ID resource (identifier URI); the token is requested for `${resource}/.default`. */
  resource: string;
  /** What the chain test's last hop does. */
  call: string;
  /** What the target field holds, or null when the tenant itself is the target (Graph). */
  target: { label: string; hint: string; placeholder: string } | null;
};

export const azureResourceInfo: Record<AzureResource, AzureResourceInfo> = {
  arm: {
    label: "Azure Resource Manager",
    resource: "https://management.azure.com",
    call: "List the subscription's resource groups",
    target: { label: "Subscription ID", hint: "The subscription in the target tenant (Azure portal → Subscriptions).", placeholder: "00000000-0000-0000-0000-000000000000" },
  },
  storage: {
    label: "Azure Storage (Blob)",
    resource: "https://storage.azure.com",
    call: "List the storage account's blob containers",
    target: { label: "Storage account", hint: "The account name: 3–24 lowercase letters and digits (the part before .blob.core.windows.net).", placeholder: "mystorageaccount" },
  },
  graph: {
    label: "Microsoft Graph",
    resource: "https://graph.microsoft.com",
    call: "Read the tenant's organization (GET /organization)",
    target: null,
  },
  keyvault: {
    label: "Azure Key Vault",
    resource: "https://vault.azure.net",
    call: "List the vault's secret names (never their values)",
    target: { label: "Key vault", hint: "The vault name: 3–24 letters, digits and hyphens (the part before .vault.azure.net).", placeholder: "my-vault" },
  },
};

export const azureScope = (resource: AzureResource) => `${azureResourceInfo[resource].resource}/.default`;

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Why a target is not valid for the resource, or null. Targets are lower-cased first. */
export function azureTargetProblem(resource: AzureResource, target: string | undefined | null): string | null {
  const value = (target ?? "").trim().toLowerCase();
  switch (resource) {
    case "graph":
      return value ? "must be empty for Microsoft Graph: the target tenant is the target" : null;
    case "arm":
      return !value ? "is required" : guid.test(value) ? null : "must be a subscription ID (a GUID)";
    case "storage":
      return !value ? "is required" : /^[a-z0-9]{3,24}$/.test(value) ? null : "must be 3–24 lowercase letters and digits";
    case "keyvault":
      return !value ? "is required" : /^[a-z][a-z0-9-]{1,22}[a-z0-9]$/.test(value) && !value.includes("--") ? null : "must be 3–24 letters, digits and single hyphens, starting with a letter";
  }
}
