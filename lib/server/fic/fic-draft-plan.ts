import "server-only";
// A draft names what is still missing before the chain can work, who must provide each piece and
// how, so the operator can forward it instead of guessing who holds which role.
import { guidSchema } from "@/lib/schemas/connector";
import { azureResourceInfo } from "@/lib/schemas/azure-resource";
import type { FicDraftItemDto, FicTarget } from "@/lib/schemas/fic";
import { whoCreatesCredential } from "./fic-artifacts";

export type DraftValues = {
  agentTenantId: string | null;
  miClientId: string | null;
  miPrincipalId: string | null;
  appClientId: string | null;
  targetTenantId: string | null;
  ficName: string;
};

const valid = (value: string | null): value is string => value !== null && guidSchema.safeParse(value).success;

/** How the grants' target reads in a sentence. */
export function ficTargetName(target: FicTarget): string {
  if (target.kind === "ado") return `the Azure DevOps organization ${target.organization}`;
  if (target.kind === "kusto") return `the Kusto database ${target.database}`;
  const info = azureResourceInfo[target.azureResource];
  return target.azureTarget ? `the ${info.target?.label.toLowerCase() ?? "resource"} ${target.azureTarget} (${info.label})` : `${info.label} in the target tenant`;
}

export function ficDraftPlan(values: DraftValues, target: FicTarget): FicDraftItemDto[] {
  const items: FicDraftItemDto[] = [];
  const targetName = ficTargetName(target);
  if (!valid(values.agentTenantId)) {
    items.push({
      what: "The agent tenant id",
      who: "Whoever runs the agent's Azure subscription",
      how: "Microsoft Entra admin center → Overview → Tenant ID of the tenant where the agent's identity lives.",
    });
  }
  if (!valid(values.miClientId) || !valid(values.miPrincipalId)) {
    items.push({
      what: "The user-assigned identity's client id and principal (object) id",
      who: "The owner of the agent's user-assigned managed identity",
      how: "Azure portal → Managed Identities → the identity → Overview: Client ID and Object (principal) ID.",
    });
  }
  if (!valid(values.appClientId)) {
    items.push({
      what: "A multi-tenant app registration in the agent tenant",
      who: "An Application Administrator of the agent tenant",
      how: "Entra admin center → App registrations → New registration → “Accounts in any organizational directory”; send back its Application (client) ID.",
    });
  }
  if (!valid(values.targetTenantId)) {
    items.push({
      what: "The target tenant id",
      who: `An admin of ${targetName}`,
      how:
        target.kind === "ado"
          ? "Organization settings → Microsoft Entra: the tenant the organization is connected to."
          : target.kind === "kusto"
            ? "Azure portal → the cluster's subscription → its directory (tenant) id."
            : "Azure portal → the resource's subscription → its directory (tenant) id.",
    });
  }
  const appClientId = valid(values.appClientId) ? values.appClientId : "(the app)";
  const agentTenantId = valid(values.agentTenantId) ? values.agentTenantId : "(the agent tenant)";
  const targetTenantId = valid(values.targetTenantId) ? values.targetTenantId : "(the target tenant)";
  items.push({
    what: `The federated credential “${values.ficName}” on app ${appClientId}`,
    who: whoCreatesCredential({ appClientId, agentTenantId }),
    how: "Send them the az script (or the Bicep template or Graph request) from this page; it contains only ids, no secret.",
  });
  items.push({
    what: `The app's service principal in tenant ${targetTenantId}`,
    who: `A Cloud Application Administrator or Application Administrator of tenant ${targetTenantId}`,
    how: "Send them the admin consent URL from this page; opening it and accepting creates the service principal.",
  });
  items.push({
    what: `Access for the app in ${targetName}`,
    who:
      target.kind === "ado"
        ? `A Project Collection Administrator of ${target.organization}`
        : target.kind === "kusto"
          ? `An admin of the database ${target.database}`
          : `An Owner or User Access Administrator of ${targetName} (a Privileged Role Administrator for Graph)`,
    how: "Send them the grants listed on this page.",
  });
  return items;
}
