import "server-only";
// Permission validation for one ADO connector: runs the checks within the validation budget,
// groups them by capability, stores the run and answers what the operator sees. Callers take
// the organization's rate-limit slot first (validate-connector-permissions.ts, create-source.ts).
import type { Operator } from "@/lib/server/auth/permissions";
import type { BrokerConnector } from "@/lib/server/broker/broker-connector";
import { scrubSecrets } from "@/lib/server/pipeline/check-results";
import { recordRun } from "@/lib/server/pipeline/record-runs";
import type { SettingsFields } from "@/lib/server/status/settings-key";
import { outcomeOf } from "@/lib/server/pipeline/run-hops";
import type { Db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { adoCapabilities, type PermissionValidationDto, type ValidatePermissionsInput } from "@/lib/schemas/permission-check";
import type { RunTrigger } from "@/lib/schemas/validation";
import { groupByCapability, missingOf } from "./group-by-capability";
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
  const outcome = outcomeOf(checks);
  const finishedAt = new Date();
  const notPassing = checks.filter((check) => check.status !== "pass");
  // The connector's own status belongs to its chain test and is left alone: a repository the
  // identity may not read does not make the connector unhealthy.
  const stored = await recordRun(db, {
    connector: { id: connector.id, displayName: connector.displayName },
    trigger,
    kind: "sources",
    about: connector.tested as SettingsFields,
    run: { checks, outcome, startedAt, finishedAt },
    actor,
    audit: {
      action: "connector.permissions_validated",
      targetType: "connector",
      targetId: connector.id,
      summary:
        notPassing.length === 0
          ? `Validated permissions of '${connector.displayName}' in ${input.project}: every check passed`
          : `Validated permissions of '${connector.displayName}' in ${input.project}: ${notPassing.length} of ${checks.length} checks did not pass (${notPassing.map((check) => check.key).join(", ")})`,
      details: {
        trigger,
        outcome,
        project: input.project,
        repositories: input.repositories,
        areaPath: run.areaPath,
        notPassing: notPassing.map((check) => `${check.key}:${check.status}:${check.code ?? ""}`),
      },
    },
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
    durationMs: stored.durationMs ?? finishedAt.getTime() - startedAt.getTime(),
    budgetMs,
    capabilities: groupByCapability(checks, capabilities),
    checks,
    missing: missingOf(checks),
    resolved: { project: run.project, repositories: run.repositories },
  };
}
