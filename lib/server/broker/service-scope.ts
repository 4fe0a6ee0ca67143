import "server-only";
// The Entra ID scopes of the services a connector reaches. ADO's resource id is fixed
// (https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/service-principal-managed-identity);
// a Kusto cluster is its own resource, named by its URL.
import { azureScope } from "@/lib/schemas/azure-resource";
import { missingSettings, type BrokerConnector } from "./broker-connector";

export const ADO_RESOURCE_ID = "499b84ac-1321-427f-aa17-267ca6975798";
export const ADO_SCOPE = `${ADO_RESOURCE_ID}/.default`;

export function kustoScope(clusterUrl: string): string {
  return `${clusterUrl}/.default`;
}

/** The scope of the service a connector reaches. */
export function serviceScope(connector: Pick<BrokerConnector, "kind" | "clusterUrl" | "displayName" | "azureResource">): string {
  if (connector.kind === "ado") return ADO_SCOPE;
  if (connector.kind === "azure") {
    if (!connector.azureResource) throw missingSettings(connector, ["azureResource"]);
    return azureScope(connector.azureResource);
  }
  if (!connector.clusterUrl) throw missingSettings(connector, ["clusterUrl"]);
  return kustoScope(connector.clusterUrl);
}
