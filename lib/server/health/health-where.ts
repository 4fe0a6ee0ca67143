import "server-only";
// The dashboard's filters as a Prisma where clause (every filter but the state, which the page
// applies per state bucket).
import type { Prisma } from "@/lib/generated/prisma";
import type { HealthQuery } from "@/lib/schemas/health";

export function healthWhere(query: Omit<HealthQuery, "page" | "status">): Prisma.ConnectorWhereInput {
  const and: Prisma.ConnectorWhereInput[] = [];
  if (query.method) and.push({ authMethod: query.method });
  if (query.organization) and.push({ OR: [{ organization: { name: query.organization } }, { clusterUrl: { contains: query.organization } }] });
  if (query.tenant) and.push({ OR: [{ targetTenantId: query.tenant }, { oauthTenantId: query.tenant }] });
  if (query.search) and.push({ OR: [{ displayName: { contains: query.search } }, { organization: { name: { contains: query.search.toLowerCase() } } }] });
  return and.length ? { AND: and } : {};
}
