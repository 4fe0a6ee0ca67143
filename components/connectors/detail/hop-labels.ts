import type { ConnectorDto } from "@/lib/schemas/connector";

/** The hops the chain test runs for a connector, in order: shown before the first run and while it runs. */
export function hopLabels(connector: Pick<ConnectorDto, "kind" | "authMethod" | "sourceCount">): string[] {
  const labels = serviceHopLabels(connector);
  return connector.kind === "ado" && connector.sourceCount > 0 ? [...labels, "Projects of its knowledge sources"] : labels;
}

function serviceHopLabels(connector: Pick<ConnectorDto, "kind" | "authMethod">): string[] {
  const service = connector.kind === "ado" ? "Call Azure DevOps" : connector.kind === "kusto" ? "Query Kusto" : "Call the Azure resource";
  switch (connector.authMethod) {
    case "mi_fic":
      return ["Managed identity token", "Exchange in the target tenant", service];
    case "managed_identity":
      return ["Managed identity token", service];
    case "oauth":
      return ["OAuth token", "Call Azure DevOps", "Projects readable"];
    case "pat":
      return ["PAT saved", "Call Azure DevOps", "Projects and repositories readable"];
  }
}
