import "server-only";
// The audit log, newest first, filtered by who, what, which target and when; one page at a time
// (a count and a page query). Details were redacted when recorded and are returned as stored.
import type { Prisma } from "@/lib/generated/prisma";
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import type { AuditEventDto, AuditPageDto, ListAuditQuery } from "@/lib/schemas/audit";

const DAY_MS = 24 * 3600_000;

export function auditWhere(query: Omit<ListAuditQuery, "page" | "take">): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (query.actor) {
    // SQLite's LIKE ignores ASCII case, PostgreSQL's does not (and Prisma's insensitive mode is
    // PostgreSQL-only), so the name is matched as typed, lower-cased and with capitalized words.
    const capitalized = query.actor.toLowerCase().replace(/(^|\s)\p{L}/gu, (letter) => letter.toUpperCase());
    const variants = [...new Set([query.actor, query.actor.toLowerCase(), capitalized])];
    and.push({ OR: [{ actorId: query.actor }, ...variants.map((variant) => ({ actorName: { contains: variant } }))] });
  }
  if (query.action) and.push({ action: query.action });
  if (query.targetType) and.push({ targetType: query.targetType });
  if (query.targetId) and.push({ targetId: query.targetId });
  if (query.from) and.push({ at: { gte: new Date(`${query.from}T00:00:00Z`) } });
  if (query.to) and.push({ at: { lt: new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS) } });
  return and.length ? { AND: and } : {};
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function listAuditEvents(access: Access<"audit.read">, db: Db, query: ListAuditQuery): Promise<AuditPageDto> {
  assertAccess(access, "audit.read");
  const where = auditWhere(query);
  const total = await db.auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / query.take));
  const page = Math.min(query.page, pageCount);
  const rows = await db.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (page - 1) * query.take, take: query.take });
  const items: AuditEventDto[] = rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    summary: row.summary,
    details: parseDetails(row.details),
  }));
  return { items, total, page, pageSize: query.take, pageCount };
}

/** Suggestions for the filters: the actions and actors that appear in the log. */
export async function auditFilterOptions(access: Access<"audit.read">, db: Db): Promise<{ actions: string[]; actors: string[] }> {
  assertAccess(access, "audit.read");
  const [actions, actors] = await Promise.all([
    db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" }, take: 200 }),
    db.auditEvent.groupBy({ by: ["actorName"], orderBy: { actorName: "asc" }, take: 200 }),
  ]);
  return { actions: actions.map((row) => row.action), actors: actors.map((row) => row.actorName) };
}
