import "server-only";
// The organizations the portal knows, each with its connector's summary (the wizard's "reuse
// the organization's connector" choice) and how many knowledge sources it has.
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import type { OrganizationConnectorSummary, OrganizationDto } from "@/lib/schemas/source";
import { derivedStatusOf, statusInputsSelect, type StatusRow } from "@/lib/server/status/refresh-connector-status";

export const connectorSummarySelect = { ...statusInputsSelect, id: true, displayName: true, lastCheckedAt: true } as const;

/** The status is the derived one (lib/schemas/connector-status.ts), as on the connector's own page. */
export function toConnectorSummary(row: (StatusRow & { id: string; displayName: string; lastCheckedAt: Date | null }) | null): OrganizationConnectorSummary | null {
  return row ? { id: row.id, displayName: row.displayName, authMethod: row.authMethod, status: derivedStatusOf(row).status, lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null } : null;
}

export async function listOrganizations(access: Access<"sources.read">, db: Db): Promise<{ items: OrganizationDto[] }> {
  assertAccess(access, "sources.read");
  const rows = await db.organization.findMany({
    include: { connector: { select: connectorSummarySelect }, _count: { select: { sources: true } } },
    orderBy: { name: "asc" },
    take: 500,
  });
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      targetTenantId: row.targetTenantId,
      connector: toConnectorSummary(row.connector),
      sourceCount: row._count.sources,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}
