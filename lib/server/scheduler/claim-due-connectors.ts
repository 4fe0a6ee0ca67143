import "server-only";
// The database lease that keeps portal instances sharing one database from checking a connector
// twice in a round. A connector is due when its nextCheckAt has passed (or, before its first
// scheduled check, one interval after its last check or creation). A batch is claimed with one
// atomic UPDATE … WHERE id IN (batch) AND <still due>, which moves nextCheckAt one interval
// (minus up to 10% jitter) ahead and stamps the batch's random claim id; the rows that carry the
// claim id afterwards are this instance's. A row another instance claimed first is no longer
// due, so the UPDATE skips it. If the instance that claimed a connector stops mid-check, the
// connector is simply checked in the next round.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma";
import type { Db } from "@/lib/server/db/client";
import { throttleKey } from "./org-throttle";

/** dueAt: when the connector became due (null before its first scheduled check), for the lag metric. */
export type ClaimedConnector = { id: string; throttleKey: string; nextCheckAt: Date; dueAt: Date | null };

export type ClaimOptions = {
  now: Date;
  intervalMs: number;
  limit: number;
  /** Throttle keys to leave alone ("ado:<org>", "kusto:<cluster url>"). */
  paused: Iterable<string>;
  random?: () => number;
};

export const JITTER_FRACTION = 0.1;

export function dueWhere(now: Date, intervalMs: number): Prisma.ConnectorWhereInput {
  const firstDue = new Date(now.getTime() - intervalMs);
  return {
    status: { not: "draft" },
    OR: [
      { nextCheckAt: { lte: now } },
      { nextCheckAt: null, lastCheckedAt: { lte: firstDue } },
      { nextCheckAt: null, lastCheckedAt: null, createdAt: { lte: firstDue } },
    ],
  };
}

function pausedWhere(paused: Iterable<string>): Prisma.ConnectorWhereInput[] {
  const organizations: string[] = [];
  const clusters: string[] = [];
  for (const key of paused) {
    if (key.startsWith("ado:")) organizations.push(key.slice(4));
    else if (key.startsWith("kusto:")) clusters.push(key.slice(6));
  }
  const filters: Prisma.ConnectorWhereInput[] = [];
  if (organizations.length) filters.push({ OR: [{ organizationId: null }, { organization: { name: { notIn: organizations } } }] });
  if (clusters.length) filters.push({ OR: [{ clusterUrl: null }, { clusterUrl: { notIn: clusters } }] });
  return filters;
}

/** `seen` counts the due connectors read; fewer claimed means other instances took the rest. */
export async function claimDueConnectors(db: Db, options: ClaimOptions): Promise<{ claimed: ClaimedConnector[]; seen: number }> {
  const random = options.random ?? Math.random;
  const due = dueWhere(options.now, options.intervalMs);
  const candidates = await db.connector.findMany({
    where: { AND: [due, ...pausedWhere(options.paused)] },
    select: { id: true, nextCheckAt: true },
    orderBy: [{ nextCheckAt: "asc" }, { id: "asc" }],
    take: options.limit,
  });
  if (candidates.length === 0) return { claimed: [], seen: 0 };
  const checkClaimId = randomUUID();
  const nextCheckAt = new Date(options.now.getTime() + options.intervalMs * (1 - JITTER_FRACTION * random()));
  const ids = candidates.map((candidate) => candidate.id);
  await db.connector.updateMany({ where: { AND: [{ id: { in: ids } }, due] }, data: { nextCheckAt, checkClaimId } });
  const rows = await db.connector.findMany({
    where: { id: { in: ids }, checkClaimId },
    select: { id: true, kind: true, clusterUrl: true, organization: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  const dueAt = new Map(candidates.map((candidate) => [candidate.id, candidate.nextCheckAt]));
  return {
    claimed: rows.map((row) => ({ id: row.id, throttleKey: throttleKey(row), nextCheckAt, dueAt: dueAt.get(row.id) ?? null })),
    seen: candidates.length,
  };
}
