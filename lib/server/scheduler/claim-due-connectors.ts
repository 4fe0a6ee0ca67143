import "server-only";
// The database lease that keeps portal instances sharing one database from checking a connector
// twice in a round. A connector is due when its nextCheckAt has passed (or, before its first
// scheduled check, one interval after its last check or creation). A batch is claimed with one
// atomic UPDATE … WHERE id IN (batch) AND <still due>, which moves nextCheckAt one interval
// (minus up to 10% jitter) ahead and stamps the batch's random claim id; the rows that carry the
// claim id afterwards are this instance's. A row another instance claimed first is no longer
// due, so the UPDATE skips it. If the instance that claimed a connector stops mid-check, the
// connector is simply checked in the next round.
//
// On PostgreSQL the read and the claim are one statement whose candidates are selected
// FOR UPDATE SKIP LOCKED: replicas claiming at the same moment take different connectors
// instead of reading the same batch, where one would wait on the other's row locks and then
// come back with nothing. SQLite has one writer at a time, so the two-step claim stays there.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma";
import { brokerConnectorSelect, toBrokerConnector, type BrokerConnector } from "@/lib/server/broker/broker-connector";
import { providerOf, type Db } from "@/lib/server/db/client";
import { throttleKey } from "./org-throttle";

/**
 * dueAt: when the connector became due (null before its first scheduled check), for the lag metric.
 * connector: its settings as claimed, read with the batch, so a check reads nothing more.
 */
export type ClaimedConnector = { id: string; throttleKey: string; nextCheckAt: Date; dueAt: Date | null; connector: BrokerConnector };

type Claimed = { id: string; dueAt: Date | null };

export type ClaimOptions = {
  /** What is due is judged at `now` (the sweep's clock when it began). */
  now: Date;
  /** When the claim is made (the sweep's clock now); its lease and the next check count from it. `now` unless said. */
  claimedAt?: Date;
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
    OR: [{ nextCheckAt: { lte: now } }, { nextCheckAt: null, lastCheckedAt: { lte: firstDue } }, { nextCheckAt: null, lastCheckedAt: null, createdAt: { lte: firstDue } }],
  };
}

function splitPaused(paused: Iterable<string>): { organizations: string[]; clusters: string[] } {
  const organizations: string[] = [];
  const clusters: string[] = [];
  for (const key of paused) {
    if (key.startsWith("ado:")) organizations.push(key.slice(4));
    else if (key.startsWith("kusto:")) clusters.push(key.slice(6));
  }
  return { organizations, clusters };
}

function pausedWhere(paused: Iterable<string>): Prisma.ConnectorWhereInput[] {
  const { organizations, clusters } = splitPaused(paused);
  const filters: Prisma.ConnectorWhereInput[] = [];
  if (organizations.length) filters.push({ OR: [{ organizationId: null }, { organization: { name: { notIn: organizations } } }] });
  if (clusters.length) filters.push({ OR: [{ clusterUrl: null }, { clusterUrl: { notIn: clusters } }] });
  return filters;
}

/** `seen` counts the due connectors read; fewer claimed means other instances took the rest. */
export async function claimDueConnectors(db: Db, options: ClaimOptions): Promise<{ claimed: ClaimedConnector[]; seen: number }> {
  const random = options.random ?? Math.random;
  const checkClaimId = randomUUID();
  const nextCheckAt = new Date((options.claimedAt ?? options.now).getTime() + options.intervalMs * (1 - JITTER_FRACTION * random()));
  const picked = providerOf(db) === "postgresql" ? await claimSkippingLocked(db, options, nextCheckAt, checkClaimId) : await claimInTwoSteps(db, options, nextCheckAt, checkClaimId);
  if (picked.length === 0) return { claimed: [], seen: 0 };
  const ids = picked.map((row) => row.id);
  const dueAt = new Map(picked.map((row) => [row.id, row.dueAt]));
  const rows = await db.connector.findMany({
    where: { id: { in: ids }, checkClaimId },
    select: brokerConnectorSelect,
    orderBy: { id: "asc" },
  });
  return {
    claimed: rows.map((row) => ({ id: row.id, throttleKey: throttleKey(row), nextCheckAt, dueAt: dueAt.get(row.id) ?? null, connector: toBrokerConnector(row) })),
    seen: ids.length,
  };
}

/** The ids read as due; those still due at the UPDATE carry `checkClaimId` afterwards. */
async function claimInTwoSteps(db: Db, options: ClaimOptions, nextCheckAt: Date, checkClaimId: string): Promise<Claimed[]> {
  const due = dueWhere(options.now, options.intervalMs);
  const candidates = await db.connector.findMany({
    where: { AND: [due, ...pausedWhere(options.paused)] },
    select: { id: true, nextCheckAt: true },
    orderBy: [{ nextCheckAt: "asc" }, { id: "asc" }],
    take: options.limit,
  });
  if (candidates.length === 0) return [];
  const ids = candidates.map((candidate) => candidate.id);
  await db.connector.updateMany({ where: { AND: [{ id: { in: ids } }, due] }, data: { nextCheckAt, checkClaimId } });
  return candidates.map((candidate) => ({ id: candidate.id, dueAt: candidate.nextCheckAt }));
}

/**
 * The same filter as dueWhere and pausedWhere, in SQL because Prisma has no row-locking API.
 * Under READ COMMITTED a row another replica claimed and committed meanwhile is re-checked
 * against the WHERE before it is locked, so it is not claimed twice. The CTE keeps each row's
 * nextCheckAt from before the claim (RETURNING would give the new one) for the lag metric.
 */
async function claimSkippingLocked(db: Db, options: ClaimOptions, nextCheckAt: Date, checkClaimId: string): Promise<Claimed[]> {
  const { organizations, clusters } = splitPaused(options.paused);
  const firstDue = new Date(options.now.getTime() - options.intervalMs);
  const rows = await db.$queryRaw<{ id: string; dueAt: Date | null }[]>`
    WITH picked AS (
      SELECT c."id", c."nextCheckAt" AS "dueAt" FROM "Connector" c LEFT JOIN "Organization" o ON o."id" = c."organizationId"
      WHERE c."status" <> 'draft'
        AND (c."nextCheckAt" <= ${options.now}::timestamp(3)
          OR (c."nextCheckAt" IS NULL AND c."lastCheckedAt" <= ${firstDue}::timestamp(3))
          OR (c."nextCheckAt" IS NULL AND c."lastCheckedAt" IS NULL AND c."createdAt" <= ${firstDue}::timestamp(3)))
        AND (c."organizationId" IS NULL OR NOT (o."name" = ANY(${organizations}::text[])))
        AND (c."clusterUrl" IS NULL OR NOT (c."clusterUrl" = ANY(${clusters}::text[])))
      ORDER BY c."nextCheckAt" ASC, c."id" ASC
      LIMIT ${options.limit}
      FOR UPDATE OF c SKIP LOCKED
    )
    UPDATE "Connector" SET "nextCheckAt" = ${nextCheckAt}::timestamp(3), "checkClaimId" = ${checkClaimId}
    FROM picked WHERE "Connector"."id" = picked."id"
    RETURNING "Connector"."id", picked."dueAt"`;
  return rows;
}
