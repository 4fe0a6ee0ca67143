// The tenant segment of an authority URL: a tenant id, one of its domains, or one of Entra's
// multi-tenant aliases (`organizations`, `common`; `consumers` is personal accounts, which the
// sandbox has none of).
import type { Tenant } from "../world/identity";
import type { World } from "../world/schema";
import { findTenant } from "./directory";

export type TenantRef = { kind: "tenant"; tenant: Tenant } | { kind: "multi"; alias: "organizations" | "common" };

export function resolveTenantRef(world: World, ref: string): TenantRef | null {
  const lower = ref.toLowerCase();
  if (lower === "organizations" || lower === "common") return { kind: "multi", alias: lower };
  const tenant = findTenant(world, ref);
  return tenant ? { kind: "tenant", tenant } : null;
}
