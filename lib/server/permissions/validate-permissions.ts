import "server-only";
// Permission validation for one ADO connector: runs the checks within the validation budget,
// groups them by capability, stores the run and answers what the operator sees. Callers take
// the organization's rate-limit slot first (validate-connector-permissions.ts, create-source.ts).
import type { Operator } from "@/lib/server/auth/permissions";
import type { BrokerConnector } from "@/lib/server/broker/broker-connector";
import { scrubSecrets } from "@/lib/server/pipeline/check-results";
import type { Db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { adoCapabilities, type PermissionValidationDto, type ValidatePermissionsInput } from "@/lib/schemas/permission-check";
import type { RunTrigger } from "@/lib/schemas/validation";
import { groupByCapability, missingOf } from "./group-by-capability";
import { overallOutcome, recordPermissionRun } from "@/lib/server/pipeline/record-permission-run";
import { runPermissionChecks, type PermissionCheckRun } from "@/lib/server/pipeline/run-permission-checks";

export type ValidationResult = PermissionValidationDto & { resolved: Pick<PermissionCheckRun, "project" | "repositories"> };

export async function validatePermissions(
  db: Db,
  actor: Pick<Operator, "id" | "name">,
  connector: BrokerConnector,
  input: ValidatePermissionsInput,
  trigger: RunTrigger = input.trigger ?? "manual",
): Promise<ValidationResult> {
  const startedAt = new Date();
  const budgetMs = settings().validationBudgetMs;
  const capabilities = input.capabilities ?? [...adoCapabilities];
  const run = await runPermissionChecks(db, connector, { project: input.project, repositories: input.repositories, areaPath: input.areaPath, capabilities }, budgetMs);
  // Last fence: no text of a check may carry the credential the run held.
  const checks = scrubSecrets(run.checks, { authorization: run.authorization ?? undefined });
  const outcome = overallOutcome(checks);
  const stored = await recordPermissionRun(db, actor, {
    connector: { id: connector.id, displayName: connector.displayName },
    trigger,
    startedAt,
    outcome,
    checks,
    summary: { project: input.project, repositories: input.repositories, areaPath: run.areaPath },
  });
  return {
    runId: stored.id,
    connectorId: connector.id,
    trigger,
    outcome,
    organization: connector.organization ?? "",
    project: run.project?.name ?? input.project,
    repositories: input.repositories,
    // The area judged: the one asked for, or the first that passes when none was (pick-area.ts).
    areaPath: run.areaPath,
    identity: run.identity,
    startedAt: startedAt.toISOString(),
    durationMs: stored.durationMs,
    budgetMs,
    capabilities: groupByCapability(checks, capabilities),
    checks,
    missing: missingOf(checks),
    resolved: { project: run.project, repositories: run.repositories },
  };
}
