import "server-only";
// GET /api/organizations/check-name?name=: the wizard's inline check. The name has already
// passed ADO's naming rules (the query schema); this says whether a connector exists for it.
import { assertAccess, type Access } from "@/lib/server/auth/access";
import { discoverOrganization } from "@/lib/server/ado/discover-organization";
import type { Db } from "@/lib/server/db/client";
import type { OrganizationNameCheckDto } from "@/lib/schemas/source";
import { connectorSummarySelect, toConnectorSummary } from "./list-organizations";

/** The wizard (sources.write) and its API (sources.read) both ask. */
export async function checkOrganizationName(access: Access<"sources.read"> | Access<"sources.write">, db: Db, name: string): Promise<OrganizationNameCheckDto> {
  assertAccess(access, "sources.read", "sources.write");
  const organization = await db.organization.findUnique({ where: { name }, select: { connector: { select: connectorSummarySelect } } });
  const connector = toConnectorSummary(organization?.connector ?? null);
  if (connector) return { name, valid: true, connector, exists: "yes", tenantId: null, message: `${name} already has a connector (${connector.displayName}); the new sources will use it.` };
  const found = await discoverOrganization(name);
  if (found.status === "not_found") {
    return {
      name,
      valid: true,
      connector,
      exists: "no",
      tenantId: null,
      message: `Azure DevOps has no organization named ${name}. Check the spelling: it is the name after dev.azure.com/ in the organization's address.`,
    };
  }
  const tenantId = found.status === "exists" ? found.tenantId : null;
  return {
    name,
    valid: true,
    connector,
    exists: found.status === "exists" ? "yes" : "unknown",
    tenantId,
    message:
      found.status === "exists"
        ? `${name} exists in Azure DevOps${tenantId ? ` (Entra ID tenant ${tenantId})` : ""} and has no connector yet; set one up in the next step.`
        : `${name} is a valid organization name with no connector yet; set one up in the next step.`,
  };
}
