import "server-only";
// Writes a connector's derived status (lib/schemas/connector-status.ts) whenever one of its inputs
// changes: a chain test's verdict, a change of method, settings or secrets, a source checked,
// edited or removed. Pages read the same inputs and call the same function, so what is stored
// (and filtered, counted and alerted on) is what every page says.
import type { Prisma } from "@/lib/generated/prisma";
import type { Db } from "@/lib/server/db/client";
import { deriveConnectorStatus, parseSourcesProblem, type DerivedStatus } from "@/lib/schemas/connector-status";
import type { AuthMethod, ConnectorKind, ConnectorStatus } from "@/lib/schemas/connector";
import { settingsKeyOf, settingsKeySelect, type SettingsFields } from "./settings-key";

export type Tx = Prisma.TransactionClient | Db;

export const statusInputsSelect = {
  kind: true,
  status: true,
  chainStatus: true,
  checkedSettingsKey: true,
  sourcesProblem: true,
  draftMissing: true,
  ...settingsKeySelect,
} as const;

export type StatusRow = SettingsFields & {
  kind: string;
  chainStatus: string;
  checkedSettingsKey: string | null;
  sourcesProblem: string | null;
  draftMissing?: string | null;
};

export function derivedStatusOf(row: StatusRow): DerivedStatus {
  return deriveConnectorStatus({
    kind: row.kind as ConnectorKind,
    authMethod: row.authMethod as AuthMethod,
    appClientId: row.appClientId ?? null,
    targetTenantId: row.targetTenantId ?? null,
    patSetAt: row.patSetAt ?? null,
    oauthSetAt: row.oauthSetAt ?? null,
    chainStatus: row.chainStatus,
    checkedSettingsKey: row.checkedSettingsKey,
    currentSettingsKey: settingsKeyOf(row),
    sourcesProblem: parseSourcesProblem(row.sourcesProblem),
    draftMissing: row.draftMissing ?? null,
  });
}

/** Stores the derived status when it differs from the stored one; answers it (null when the connector is gone). */
export async function refreshConnectorStatus(tx: Tx, connectorId: string): Promise<ConnectorStatus | null> {
  const row = await tx.connector.findUnique({ where: { id: connectorId }, select: statusInputsSelect });
  if (!row) return null;
  const { status } = derivedStatusOf(row);
  if (status !== row.status) await tx.connector.updateMany({ where: { id: connectorId }, data: { status } });
  return status;
}

/** The same for many connectors at once (a sweep's batch): one read, one write per status that changed. */
export async function refreshConnectorStatuses(tx: Tx, connectorIds: string[]): Promise<void> {
  if (connectorIds.length === 0) return;
  const rows = await tx.connector.findMany({ where: { id: { in: [...new Set(connectorIds)] } }, select: { id: true, ...statusInputsSelect } });
  const changed = new Map<ConnectorStatus, string[]>();
  for (const row of rows) {
    const { status } = derivedStatusOf(row);
    if (status !== row.status) changed.set(status, [...(changed.get(status) ?? []), row.id]);
  }
  for (const [status, ids] of changed) await tx.connector.updateMany({ where: { id: { in: ids } }, data: { status } });
}

/**
 * Records a verdict about the connector as it is stored now (a lapsed OAuth sign-in, a managed
 * identity draft) and the status derived from it. `where` narrows when it applies; answers whether
 * it did.
 */
export async function recordChainVerdict(tx: Tx, connectorId: string, chainStatus: ConnectorStatus, where: Prisma.ConnectorWhereInput = {}): Promise<boolean> {
  const row = await tx.connector.findFirst({ where: { ...where, id: connectorId }, select: statusInputsSelect });
  if (!row) return false;
  const checkedSettingsKey = settingsKeyOf(row);
  const { status } = derivedStatusOf({ ...row, chainStatus, checkedSettingsKey });
  // Compare-and-swap on the settings read, so a verdict never lands on settings changed meanwhile.
  const { kind: _kind, status: _status, chainStatus: _chain, checkedSettingsKey: _key, sourcesProblem: _sources, draftMissing: _draft, ...settings } = row;
  const changed = await tx.connector.updateMany({ where: { ...where, id: connectorId, ...settings }, data: { chainStatus, checkedSettingsKey, status } });
  return changed.count > 0;
}
