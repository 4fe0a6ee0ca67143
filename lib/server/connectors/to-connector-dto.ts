import "server-only";
import type { AuthMethod, ConnectorDto, ConnectorKind, ConnectorStatus } from "@/lib/schemas/connector";
import { derivedStatusOf } from "@/lib/server/status/refresh-connector-status";

/** The non-secret columns a DTO is built from; the ciphertext columns are not among them. */
export type ConnectorRow = {
  id: string;
  kind: string;
  displayName: string;
  authMethod: string;
  status: string;
  version: number;
  organization: { name: string } | null;
  clusterUrl: string | null;
  database: string | null;
  agentTenantId: string | null;
  miClientId: string | null;
  miPrincipalId: string | null;
  appClientId: string | null;
  targetTenantId: string | null;
  oauthAccount: string | null;
  oauthTenantId: string | null;
  oauthSetAt: Date | null;
  patLast4: string | null;
  patSetAt: Date | null;
  patExpiresAt: Date | null;
  lastCheckedAt: Date | null;
  nextCheckAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  _count?: { sources: number };
  /** The inputs of the derived status (lib/schemas/connector-status.ts); every full-row read has them. */
  chainStatus?: string;
  checkedSettingsKey?: string | null;
  sourcesProblem?: string | null;
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toConnectorDto(row: ConnectorRow): ConnectorDto {
  const derived = row.chainStatus === undefined ? null : derivedStatusOf({ ...row, chainStatus: row.chainStatus, checkedSettingsKey: row.checkedSettingsKey ?? null, sourcesProblem: row.sourcesProblem ?? null });
  return {
    id: row.id,
    kind: row.kind as ConnectorKind,
    displayName: row.displayName,
    authMethod: row.authMethod as AuthMethod,
    status: derived?.status ?? (row.status as ConnectorStatus),
    statusReason: derived?.reason ? { text: derived.reason, fix: derived.fix, from: derived.from } : null,
    version: row.version,
    organization: row.organization?.name ?? null,
    clusterUrl: row.clusterUrl,
    database: row.database,
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
