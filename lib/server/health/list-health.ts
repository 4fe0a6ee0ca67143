import "server-only";
// One page of the health dashboard. Queries, whatever the page size:
//   1. counts per state under the filters (one GROUP BY), which also gives the total;
//   2. the page's connectors, state by state in attention order (one query, two or three when
//      the page straddles states);
//   3. their recent runs (one window-function query, see recent-runs.ts);
//   4. the checks of each connector's latest run (one query, one column per run).
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import { connectorStatuses, type AuthMethod, type ConnectorKind, type ConnectorStatus } from "@/lib/schemas/connector";
import { HEALTH_PAGE_SIZE, type HealthCounts, type HealthCredential, type HealthPageDto, type HealthQuery, type HealthRowDto } from "@/lib/schemas/health";
import { checksOf } from "@/lib/server/pipeline/stored-checks";
import { healthStateOrder, nextCheckOf } from "./health-state";
import { healthWhere } from "./health-where";
import { connectorSelect } from "@/lib/server/connectors/connector-select";
import { recentRuns } from "./recent-runs";
import { derivedStatusOf, statusInputsSelect } from "@/lib/server/status/refresh-connector-status";
import { settingsKeyOf } from "@/lib/server/status/settings-key";
import { parseSourcesProblem } from "@/lib/schemas/connector-status";

export const HISTORY_SIZE = 24;

/** The one read of a connector (lib/server/connectors/connector-select.ts), with the derived status's inputs. */
const select = { ...connectorSelect, ...statusInputsSelect } as const;

export type ListHealthOptions = { intervalSeconds: number; pageSize?: number; historySize?: number };

function credentialOf(row: { authMethod: string; oauthAccount: string | null; oauthSetAt: Date | null; patLast4: string | null; patSetAt: Date | null; patExpiresAt: Date | null }): HealthCredential {
  switch (row.authMethod) {
    case "oauth":
      return { kind: "oauth", account: row.oauthAccount, signedInAt: row.oauthSetAt?.toISOString() ?? null };
    case "pat":
      return { kind: "pat", last4: row.patLast4, expiresAt: row.patExpiresAt?.toISOString() ?? null, configured: row.patSetAt !== null };
    default:
      return { kind: "none", reason: row.authMethod === "managed_identity" ? "managed_identity" : "mi_fic" };
  }
}

export async function listHealth(access: Access<"health.read">, db: Db, query: HealthQuery, options: ListHealthOptions): Promise<HealthPageDto> {
  assertAccess(access, "health.read");
  const pageSize = options.pageSize ?? HEALTH_PAGE_SIZE;
  const where = healthWhere(query);
  const grouped = await db.connector.groupBy({ by: ["status"], where, _count: { _all: true } });
  const counts = Object.fromEntries(connectorStatuses.map((status) => [status, 0])) as HealthCounts;
  for (const group of grouped) if (group.status in counts) counts[group.status as ConnectorStatus] = group._count._all;

  const states = query.status ? [query.status] : healthStateOrder;
  const total = states.reduce((sum, status) => sum + counts[status], 0);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(query.page, pageCount);

  // Which slice of which state bucket this page covers.
  let skip = (page - 1) * pageSize;
  let remaining = pageSize;
  const slices: { status: ConnectorStatus; skip: number; take: number }[] = [];
  for (const status of states) {
    if (remaining === 0) break;
    if (skip >= counts[status]) {
      skip -= counts[status];
      continue;
    }
    const take = Math.min(remaining, counts[status] - skip);
    slices.push({ status, skip, take });
    remaining -= take;
    skip = 0;
  }
  const rows = (
    await Promise.all(
      slices.map((slice) => db.connector.findMany({ where: { AND: [where, { status: slice.status }] }, select, orderBy: [{ displayName: "asc" }, { id: "asc" }], skip: slice.skip, take: slice.take })),
    )
  ).flat();

  const ids = rows.map((row) => row.id);
  const history = await recentRuns(db, ids, options.historySize ?? HISTORY_SIZE);
  const latestRunIds = [...history.values()].map((runs) => runs[0]?.id).filter((id): id is string => Boolean(id));
  const latestRuns = latestRunIds.length ? await db.validationRun.findMany({ where: { id: { in: latestRunIds } }, select: { id: true, checks: true } }) : [];
  const checksByRun = new Map(latestRuns.map((run) => [run.id, run.checks]));

  const intervalMs = options.intervalSeconds * 1000;
  const items: HealthRowDto[] = rows.map((row) => {
    const recent = history.get(row.id) ?? [];
    const runs = recent.map(({ settingsKey: _key, ...point }) => point);
    const latest = runs[0] ?? null;
    const derived = derivedStatusOf(row);
    // Only the hops the status was derived from: a run of another method or of replaced settings is history.
    const counts = recent[0] ? recent[0].settingsKey === null || recent[0].settingsKey === settingsKeyOf(row) : false;
    return {
      id: row.id,
      kind: row.kind as ConnectorKind,
      displayName: row.displayName,
      authMethod: row.authMethod as AuthMethod,
      status: derived.status,
      statusReason: derived.reason ? { text: derived.reason, fix: derived.fix, from: derived.from } : null,
      sourcesProblem: row.kind === "ado" ? parseSourcesProblem(row.sourcesProblem) : null,
      organization: row.organization?.name ?? null,
      clusterUrl: row.clusterUrl,
      database: row.database,
      tenantId: row.targetTenantId ?? row.oauthTenantId,
      credential: credentialOf(row),
      lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
      nextCheckAt: nextCheckOf(row, intervalMs)?.toISOString() ?? null,
      checks: latest && counts ? checksOf(checksByRun.get(latest.id) ?? "[]") : [],
      latestRun: latest,
      history: runs,
    };
  });
  return { rows: items, total, page, pageSize, pageCount, counts, intervalSeconds: options.intervalSeconds };
}
