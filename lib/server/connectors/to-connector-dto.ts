import "server-only";
import type { AzureResource } from "@/lib/schemas/azure-resource";
import type { AuthMethod, ConnectorDto, ConnectorKind } from "@/lib/schemas/connector";
import { derivedStatusOf } from "@/lib/server/status/refresh-connector-status";
import type { ConnectorRow } from "./connector-select";

export type { ConnectorRow };

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toConnectorDto(row: ConnectorRow): ConnectorDto {
  const derived = derivedStatusOf(row);
  return {
    id: row.id,
    kind: row.kind as ConnectorKind,
    displayName: row.displayName,
    authMethod: row.authMethod as AuthMethod,
    status: derived.status,
    statusReason: derived.reason ? { text: derived.reason, fix: derived.fix, from: derived.from } : null,
    version: row.version,
    organization: row.organization?.name ?? null,
    clusterUrl: row.clusterUrl,
    database: row.database,
    azureResource: row.azureResource as AzureResource | null,
    azureTarget: row.azureTarget,
    draftMissing: row.draftMissing,
    agentTenantId: row.agentTenantId,
    miClientId: row.miClientId,
    miPrincipalId: row.miPrincipalId,
    appClientId: row.appClientId,
    targetTenantId: row.targetTenantId,
    oauth: { configured: row.oauthSetAt !== null, account: row.oauthAccount, tenantId: row.oauthTenantId, setAt: iso(row.oauthSetAt) },
    pat: { configured: row.patSetAt !== null, last4: row.patLast4, setAt: iso(row.patSetAt), expiresAt: iso(row.patExpiresAt) },
    sourceCount: row._count?.sources ?? 0,
    lastCheckedAt: iso(row.lastCheckedAt),
    nextCheckAt: iso(row.nextCheckAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
