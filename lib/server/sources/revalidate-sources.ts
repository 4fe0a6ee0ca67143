import "server-only";
// Scheduled re-validation of a connector's knowledge sources: after the connector's own check
// passed, the sweep re-runs what each saved source was added for (read the repository, contribute
// to pull requests, edit work items in its area) with the connector's identity. The sources are
// batched: one run per project and area path covers every repository in it, so a connector (one
// organization, one identity) costs one credential from the broker and one set of ADO lookups per
// project and area, not one per source. The sweep runs this in the worker slot of the connector it
// claimed, so the sweep's concurrency bounds it and replicas never re-check the same sources; a
// 429 stops the rest and answers the wait, which the sweep turns into the organization's pause.
import type { Db } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";
import { settings } from "@/lib/server/settings";
import { announceSourceChange } from "@/lib/server/alerts/announce-source-change";
import { scrubSecrets } from "@/lib/server/pipeline/check-results";
import { checksColumn } from "@/lib/server/pipeline/stored-checks";
import { runDigest } from "@/lib/server/pipeline/run-digest";
import { outcomeOf } from "@/lib/server/pipeline/run-hops";
import { adoConnectorOrThrow } from "@/lib/server/permissions/validate-connector-permissions";
import { runPermissionChecks } from "@/lib/server/pipeline/run-permission-checks";
import { throttledFor } from "@/lib/server/scheduler/org-throttle";
import { refreshSourcesProblem } from "@/lib/server/status/refresh-sources-problem";
import { settingsKeyOf, type SettingsFields } from "@/lib/server/status/settings-key";
import { sourceReadiness } from "@/lib/schemas/source-readiness";
import { adoCapabilities, type AdoCapability } from "@/lib/schemas/permission-check";
import type { CheckResultDto } from "@/lib/schemas/validation";

export type RevalidationReport = { runs: number; sources: number; alerts: string[]; throttledMs: number | null };

type SourceRow = { id: string; displayName: string; project: string; repository: string; capabilities: string; areaPath: string | null };
type Batch = { project: string; areaPath: string | null; sources: SourceRow[] };

const capabilitiesOf = (row: SourceRow): AdoCapability[] => {
  try {
    const parsed: unknown = JSON.parse(row.capabilities);
    return Array.isArray(parsed) ? parsed.filter((value): value is AdoCapability => (adoCapabilities as readonly unknown[]).includes(value)) : ["read_code"];
  } catch {
    return ["read_code"];
  }
};

const needsArea = (row: SourceRow) => capabilitiesOf(row).some((capability) => capability !== "read_code") && row.areaPath !== null;

/** Per project, one batch per area path the sources write work items in; read-only sources join the first. */
export function batchSources(rows: SourceRow[]): Batch[] {
  const byProject = new Map<string, SourceRow[]>();
  for (const row of rows) byProject.set(row.project.toLowerCase(), [...(byProject.get(row.project.toLowerCase()) ?? []), row]);
  const batches: Batch[] = [];
  for (const sources of byProject.values()) {
    const project = sources[0]!.project;
    const byArea = new Map<string, SourceRow[]>();
    for (const row of sources.filter(needsArea)) byArea.set(row.areaPath!.toLowerCase(), [...(byArea.get(row.areaPath!.toLowerCase()) ?? []), row]);
    const readOnly = sources.filter((row) => !needsArea(row));
    const areas = [...byArea.values()];
    if (areas.length === 0) batches.push({ project, areaPath: null, sources: readOnly });
    areas.forEach((group, index) => batches.push({ project, areaPath: group[0]!.areaPath, sources: index === 0 ? [...group, ...readOnly] : group }));
  }
  return batches;
}

export type RevalidateOptions = { webhookConfigured: boolean; now?: Date };

export async function revalidateSources(db: Db, connectorId: string, options: RevalidateOptions): Promise<RevalidationReport> {
  const report: RevalidationReport = { runs: 0, sources: 0, alerts: [], throttledMs: null };
  const rows = await db.knowledgeSource.findMany({
    where: { connectorId },
    select: { id: true, displayName: true, project: true, repository: true, capabilities: true, areaPath: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (rows.length === 0) return report;
  const connector = await adoConnectorOrThrow(db, connectorId);
  const settingsKey = settingsKeyOf(connector.tested as SettingsFields);
  const budgetMs = settings().validationBudgetMs;

  for (const batch of batchSources(rows)) {
    const startedAt = new Date();
    const capabilities = [...new Set(batch.sources.flatMap(capabilitiesOf))];
    const run = await runPermissionChecks(
      db,
      connector,
      { project: batch.project, repositories: batch.sources.map((row) => row.repository), ...(batch.areaPath ? { areaPath: batch.areaPath } : {}), capabilities },
      budgetMs,
    );
    const checks = scrubSecrets(run.checks, { authorization: run.authorization ?? undefined });
    report.runs++;
    const wait = throttledFor(checks);
    if (wait !== null) {
      // Asked to slow down: keep the sources' last results and leave the organization alone.
      report.throttledMs = wait;
      break;
    }
    const runId = await recordScheduledRun(db, connectorId, startedAt, checks, { authMethod: connector.authMethod, settingsKey });
    for (const row of batch.sources) {
      const readiness = sourceReadiness({ repository: row.repository, capabilities: capabilitiesOf(row) }, checks);
      const missing = readiness.capabilities.flatMap((entry) => entry.missing.map((item) => `${item.label}: ${item.fix ?? "no details"}`));
      await db.knowledgeSource.updateMany({
        where: { id: row.id },
        data: { status: readiness.level === "nothing" ? "draft" : "ready", missing: JSON.stringify([...new Set(missing)]), validationRunId: runId, validatedAt: startedAt },
      });
      report.sources++;
      const announced = await announceSourceChange(db, { connectorId, source: row, readiness, runId }, options);
      if (announced) report.alerts.push(announced);
    }
  }
  if (report.sources > 0) await refreshSourcesProblem(db, connectorId);
  return report;
}

/** A scheduled run is history (the runs table), not an operator's action: no audit event, as for the chain test. */
async function recordScheduledRun(db: Db, connectorId: string, startedAt: Date, checks: CheckResultDto[], tested: { authMethod: string; settingsKey: string }): Promise<string> {
  const finishedAt = new Date();
  const outcome = outcomeOf(checks);
  const run = await db.validationRun.create({
    data: {
      connectorId,
      trigger: "schedule",
      kind: "sources",
      authMethod: tested.authMethod,
      settingsKey: tested.settingsKey,
      outcome,
      startedAt,
      finishedAt,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      checks: checksColumn(checks),
      digest: runDigest({ kind: "sources", ...tested, outcome, checks }),
    },
    select: { id: true },
  });
  return run.id;
}

/** The sweep's hook: re-validates the sources of connectors that have any, learning which do once per sweep. */
export function sourceRevalidation(db: Db, options: RevalidateOptions) {
  let withSources: Promise<Set<string>> | null = null;
  return async (connectorId: string): Promise<RevalidationReport | null> => {
    withSources ??= db.knowledgeSource.findMany({ select: { connectorId: true }, distinct: ["connectorId"] }).then((rows) => new Set(rows.map((row) => row.connectorId)));
    if (!(await withSources).has(connectorId)) return null;
    try {
      return await revalidateSources(db, connectorId, options);
    } catch (error) {
      log.warn("scheduled re-validation of knowledge sources did not run", { connectorId, error });
      return null;
    }
  };
}
