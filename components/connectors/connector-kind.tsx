import type { ReactNode } from "react";
import { azureResourceInfo } from "@/lib/schemas/azure-resource";
import type { ConnectorDto } from "@/lib/schemas/connector";
import { Cloud as CloudIcon, Database as DatabaseIcon, FolderGit2 as RepoIcon } from "lucide-react";

type KindFields = Pick<ConnectorDto, "kind" | "organization" | "clusterUrl" | "database" | "azureResource" | "azureTarget" | "targetTenantId">;

export function ConnectorKindIcon({ kind, size }: { kind: ConnectorDto["kind"]; size: number }): ReactNode {
  return kind === "ado" ? <RepoIcon size={size} /> : kind === "kusto" ? <DatabaseIcon size={size} /> : <CloudIcon size={size} />;
}

/** What kind of target a connector reaches, in words ("Kusto database", "Azure Storage (Blob)"). */
export function connectorKindLabel(connector: Pick<KindFields, "kind" | "azureResource">): string {
  if (connector.kind === "ado") return "Azure DevOps organization";
  if (connector.kind === "kusto") return "Kusto database";
  return connector.azureResource ? azureResourceInfo[connector.azureResource].label : "Azure resource";
}

/** An Azure resource connector's target in one line: "Subscription ID 5b00…", "Storage account litwaredata". */
export function azureTargetText(connector: Pick<KindFields, "azureResource" | "azureTarget" | "targetTenantId">): string {
  const info = connector.azureResource ? azureResourceInfo[connector.azureResource] : null;
  if (!info) return "—";
  if (!info.target) return `Tenant ${connector.targetTenantId ?? "of the agent"}`;
  return `${info.target.label} ${connector.azureTarget ?? "—"}`;
}
