import { AUDIT_PAGE_SIZE, listAuditQuerySchema, type ListAuditQuery } from "@/lib/schemas/audit";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// A bad value in the address bar drops that filter instead of showing an error page.
export function parseAuditParams(params: Record<string, string | string[] | undefined>): ListAuditQuery {
  const parsed = listAuditQuerySchema.safeParse(Object.fromEntries(Object.entries(params).map(([key, value]) => [key, first(value) || undefined])));
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  const kept = Object.fromEntries(
    Object.entries(params)
      .filter(([key]) => !bad.has(key) && key in listAuditQuerySchema.shape)
      .map(([key, value]) => [key, first(value) || undefined]),
  );
  return listAuditQuerySchema.safeParse(kept).data ?? { page: 1, take: AUDIT_PAGE_SIZE };
}
