import type { ListAuditQuery } from "@/lib/schemas/audit";

export type AuditFilters = Partial<Omit<ListAuditQuery, "take">>;

/** The audit log URL for filters and a page; empty values and page 1 are left out. */
export function auditHref(filters: AuditFilters): string {
  const query = new URLSearchParams();
  for (const key of ["actor", "action", "targetType", "targetId", "from", "to"] as const) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  if (filters.page && filters.page > 1) query.set("page", String(filters.page));
  const text = query.toString();
  return text ? `/audit?${text}` : "/audit";
}
