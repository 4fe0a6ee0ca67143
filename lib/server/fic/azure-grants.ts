import "server-only";
// What the target tenant's admin grants an Azure resource connector's app. The role goes to the
// app's service principal IN THE TARGET TENANT: its object id is looked up there, because an
// assignment to the app's or the identity's object id from the home tenant is never honoured.
import { azureResourceInfo } from "@/lib/schemas/azure-resource";
import type { FicTarget, TargetGrantDto } from "@/lib/schemas/fic";

type AzureTarget = Extract<FicTarget, { kind: "azure" }>;

/** The role and scope each resource needs for its chain test's call. */
function roleAndScope(target: AzureTarget): { role: string; scope: string } | null {
  switch (target.azureResource) {
    case "arm":
      return { role: "Reader", scope: `/subscriptions/${target.azureTarget ?? "<subscription-id>"}` };
    case "storage":
      return { role: "Storage Blob Data Reader", scope: `$(az storage account show --name ${target.azureTarget ?? "<account>"} --query id -o tsv)` };
    case "keyvault":
      return { role: "Key Vault Secrets User", scope: `$(az keyvault show --name ${target.azureTarget ?? "<vault>"} --query id -o tsv)` };
    case "graph":
      return null;
  }
}

export function azureGrants(target: AzureTarget, appClientId: string, targetTenantId: string): TargetGrantDto[] {
  const info = azureResourceInfo[target.azureResource];
  const grant = roleAndScope(target);
  if (!grant) {
    return [
      {
        title: "Organization.Read.All (application) with admin consent",
        detail: `The app requests the Microsoft Graph application permission Organization.Read.All; an admin of tenant ${targetTenantId} grants it by accepting the admin consent URL above.`,
        command: null,
        href: null,
      },
    ];
  }
  return [
    {
      title: `${grant.role} for the app's service principal in the target tenant`,
      detail: `An Owner or User Access Administrator in tenant ${targetTenantId} assigns ${grant.role} (${info.label}) to the app's service principal there, looked up by the app's client id in that tenant. Do not use an object id from the agent's tenant: Azure would accept the assignment and never honour it.`,
      command: [
        `az login --tenant ${targetTenantId}`,
        `az role assignment create --assignee-object-id $(az ad sp show --id ${appClientId} --query id -o tsv) --assignee-principal-type ServicePrincipal --role "${grant.role}" --scope ${grant.scope}`,
      ].join("\n"),
      href: null,
    },
  ];
}
