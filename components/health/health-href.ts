import type { HealthQuery } from "@/lib/schemas/health";

export type HealthFilters = Partial<Omit<HealthQuery, "page">> & { page?: number };

/** The health page URL for filters and a page; empty values and page 1 are left out. */
export function healthHref(filters: HealthFilters): string {
  const query = new URLSearchParams();
  for (const key of ["status", "method", "organization", "tenant", "search"] as const) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  if (filters.page && filters.page > 1) query.set("page", String(filters.page));
  const text = query.toString();
  return text ? `/health?${text}` : "/health";
}
