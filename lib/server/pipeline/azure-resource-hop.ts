import "server-only";
// The last hop of an Azure resource connector: one real call with the token of the earlier hops
// (list resource groups, list blob containers, GET /organization, list secret names). A refusal
// is decoded with the object id the target tenant knows the caller by (the token's oid).
import { callAzureResource } from "@/lib/server/azure/call-azure-resource";
import { azureResourceInfo } from "@/lib/schemas/azure-resource";
import { fail, notConfigured, pass, type Hop } from "./chain-hop";

const LISTED = 5;

export const azureResourceHop: Hop = {
  key: "azure-call",
  label: "Call the Azure resource as that identity",
  async run({ connector, state, budgetMs, signal }) {
    const resource = connector.azureResource;
    if (!resource) return notConfigured("the Azure resource", "Pick the resource the agent reaches (ARM, Storage, Graph or Key Vault).");
    const info = azureResourceInfo[resource];
    if (info.target && !connector.azureTarget) return notConfigured(`the ${info.target.label.toLowerCase()}`, info.target.hint);
    const result = await callAzureResource(resource, connector.azureTarget, {
      authorization: state.authorization ?? "",
      budgetMs,
      signal,
      context: {
        resource,
        target: connector.azureTarget,
        method: connector.authMethod === "managed_identity" ? "managed_identity" : "mi_fic",
        principalId: state.principalId ?? null,
        appClientId: connector.appClientId,
        targetTenantId: connector.targetTenantId,
        miClientId: connector.miClientId,
        miPrincipalId: connector.miPrincipalId,
      },
    });
    if (!result.ok) return fail(result.error);
    const names = result.items.slice(0, LISTED).join(", ") + (result.items.length > LISTED ? ", …" : "");
    return pass(
      [
        `${info.call}: ${info.label} answered 200`,
        resource === "graph" ? `${result.label}: ${names || "none"}` : `${result.label}: ${result.items.length}${result.items.length ? ` (${names})` : ""}`,
        state.principalId ? `Caller's object id in the target tenant: ${state.principalId}` : null,
      ]
        .filter(Boolean)
        .join("\n"),
    );
  },
};
