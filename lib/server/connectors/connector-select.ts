import "server-only";
// The one read of a connector's non-secret columns, typed by Prisma: the credential broker and the
// check pipeline (BrokerConnector), the health list and the connector DTO (ConnectorRow) all read
// these. The ciphertext columns are not among them.
import type { Prisma } from "@/lib/generated/prisma";

export const connectorSelect = {
  id: true,
  kind: true,
  displayName: true,
  authMethod: true,
  status: true,
  version: true,
  organization: { select: { name: true } },
  clusterUrl: true,
  database: true,
  azureResource: true,
  azureTarget: true,
  draftMissing: true,
  agentTenantId: true,
  miClientId: true,
  miPrincipalId: true,
  appClientId: true,
  targetTenantId: true,
  oauthAccount: true,
  oauthTenantId: true,
  oauthSetAt: true,
  patLast4: true,
  patSetAt: true,
  patExpiresAt: true,
  lastCheckedAt: true,
  nextCheckAt: true,
  createdAt: true,
  updatedAt: true,
  // The inputs of the derived status (lib/schemas/connector-status.ts).
  chainStatus: true,
  checkedSettingsKey: true,
  sourcesProblem: true,
} as const satisfies Prisma.ConnectorSelect;

/** The connector DTO's read: the columns and how many knowledge sources use the connector. */
export const connectorDtoSelect = { ...connectorSelect, _count: { select: { sources: true } } } as const satisfies Prisma.ConnectorSelect;

export type ConnectorRow = Prisma.ConnectorGetPayload<{ select: typeof connectorSelect }> & { _count?: { sources: number } };
