import "server-only";
// Values for the dashboard's organization and tenant pickers (suggestions; any value can be typed).
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";

const LIMIT = 300;

export async function healthFilterOptions(access: Access<"health.read">, db: Db): Promise<{ organizations: string[]; tenants: string[] }> {
  assertAccess(access, "health.read");
  const [organizations, targetTenants, oauthTenants] = await Promise.all([
    db.organization.findMany({ select: { name: true }, orderBy: { name: "asc" }, take: LIMIT }),
    db.connector.groupBy({ by: ["targetTenantId"], where: { targetTenantId: { not: null } }, orderBy: { targetTenantId: "asc" }, take: LIMIT }),
    db.connector.groupBy({ by: ["oauthTenantId"], where: { oauthTenantId: { not: null } }, orderBy: { oauthTenantId: "asc" }, take: LIMIT }),
  ]);
  const tenants = new Set([...targetTenants.map((row) => row.targetTenantId), ...oauthTenants.map((row) => row.oauthTenantId)].filter((id): id is string => Boolean(id)));
  return { organizations: organizations.map((row) => row.name), tenants: [...tenants].sort() };
}
