import "server-only";
// GET /api/organizations/check-name?name=: the wizard's inline check. The name has already
// passed ADO's naming rules (the query schema); this says whether a connector exists for it.
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import type { OrganizationNameCheckDto } from "@/lib/schemas/source";
import { connectorSummarySelect, toConnectorSummary } from "./list-organizations";

/** The wizard (sources.write) and its API (sources.read) both ask. */
export async function checkOrganizationName(access: Access<"sources.read"> | Access<"sources.write">, db: Db, name: string): Promise<OrganizationNameCheckDto> {
  assertAccess(access, "sources.read", "sources.write");
  const organization = await db.organization.findUnique({ where: { name }, select: { connector: { select: connectorSummarySelect } } });
  const connector = toConnectorSummary(organization?.connector ?? null);
  return {
    name,
    valid: true,
    connector,
    message: connector
      ? `${name} already has a connector (${connector.displayName}); the new sources will use it.`
      : `${name} is a valid organization name with no connector yet; set one up in the next step.`,
  };
}
