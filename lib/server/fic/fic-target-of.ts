import "server-only";
import type { ConnectorDto } from "@/lib/schemas/connector";
import type { FicTarget } from "@/lib/schemas/fic";

/** The grants' target for a connector: its ADO organization, or its Kusto cluster and database. */
export function ficTargetOf(connector: Pick<ConnectorDto, "kind" | "organization" | "clusterUrl" | "database" | "azureResource" | "azureTarget">): FicTarget {
  if (connector.kind === "azure") return { kind: "azure", azureResource: connector.azureResource ?? "arm", azureTarget: connector.azureTarget };
  return connector.kind === "ado" ? { kind: "ado", organization: connector.organization ?? "" } : { kind: "kusto", clusterUrl: connector.clusterUrl ?? "", database: connector.database ?? "" };
}
