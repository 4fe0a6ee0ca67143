import { healthQuerySchema, type HealthQuery } from "@/lib/schemas/health";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// A bad value in the address bar (hand-edited, or an old link) drops that filter instead of
// showing an error page: the dashboard is still the most useful thing to show.
export function parseHealthParams(params: Record<string, string | string[] | undefined>): HealthQuery {
  const shape = healthQuerySchema.shape;
  const value = (key: string) => first(params[key]) || undefined;
  return {
    status: shape.status.safeParse(value("status")).data,
    method: shape.method.safeParse(value("method")).data,
    organization: shape.organization.safeParse(value("organization")).data,
    tenant: shape.tenant.safeParse(value("tenant")).data,
    search: shape.search.safeParse(value("search")).data,
    page: shape.page.safeParse(value("page")).data ?? 1,
  };
}
