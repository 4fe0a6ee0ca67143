import "server-only";
// Stores a finished chain test: its checks, the run's outcome, the connector's status and an
// audit event, in one transaction. The status update is a compare-and-swap that leaves the
// operator-facing version alone: it applies only if the settings and secrets tested are still the
// current ones and no newer run has reported since.
import type { Prisma } from "@/lib/generated/prisma";
import { checkRow } from "@/lib/server/checks/check-result";
import { isUnanswered } from "@/lib/server/checks/unanswered";
import type { Operator } from "@/lib/server/auth/permissions";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";
import type { CheckResultDto, RunOutcome, RunTrigger, ValidationRunDto } from "@/lib/schemas/validation";
import type { ConnectorStatus } from "@/lib/schemas/connector";
import { toValidationRunDto } from "./to-validation-run-dto";
import { refreshConnectorStatus } from "@/lib/server/status/refresh-connector-status";
import { settingsKeyOf, type SettingsFields } from "@/lib/server/status/settings-key";

export type ChainResult = {
  runId: string;
  connector: { id: string; displayName: string; tested: Prisma.ConnectorWhereInput };
  trigger: RunTrigger;
  startedAt: Date;
  checks: CheckResultDto[];
  outcome: Exclude<RunOutcome, "running">;
  actor: Pick<Operator, "id" | "name">;
};

export function statusAfter(outcome: ChainResult["outcome"], checks: CheckResultDto[]): ConnectorStatus {
  if (outcome === "pass") return "healthy";
  if (checks.some((check) => check.code === "sign_in_lapsed")) return "needs_signin";
  // A hop that failed because its service did not answer says nothing about the setup.
  const failed = checks.filter((check) => check.status === "fail");
  if (failed.length > 0 && failed.every(isUnanswered)) return "unavailable";
  // "unknown": something unexpected stopped the test; the connector may work, so not "failing".
  return outcome === "fail" ? "failing" : "degraded";
}

const isRecordNotFound = (error: unknown) => (error as { code?: unknown })?.code === "P2025";

export async function recordChainResult(db: Db, result: ChainResult): Promise<ValidationRunDto> {
  const finishedAt = new Date();
  const failed = result.checks.find((check) => check.status === "fail" || check.status === "unknown");
  const tested = result.connector.tested as SettingsFields;
  const settingsKey = settingsKeyOf(tested);
  try {
    return await db.$transaction(async (tx) => {
      await tx.validationCheck.createMany({
        data: result.checks.map((check, position) => ({ runId: result.runId, ...checkRow(check, position) })),
      });
      const run = await tx.validationRun.update({
        where: { id: result.runId },
        data: { outcome: result.outcome, finishedAt, durationMs: finishedAt.getTime() - result.startedAt.getTime(), kind: "chain", authMethod: tested.authMethod, settingsKey },
        include: { checks: { orderBy: { position: "asc" } } },
      });
      const status = statusAfter(result.outcome, result.checks);
      const verdict = await tx.connector.updateMany({
        where: {
          ...result.connector.tested,
          id: result.connector.id,
          OR: [{ lastCheckedAt: null }, { lastCheckedAt: { lte: result.startedAt } }],
        },
        data: { chainStatus: status, checkedSettingsKey: settingsKey, lastCheckedAt: result.startedAt },
      });
      if (verdict.count > 0) await refreshConnectorStatus(tx, result.connector.id);
      // The audit log says who did what: an operator's test is an action; the scheduler's
      // re-checks are history (the runs table), and would bury the log at one event per check.
      if (result.trigger !== "schedule") {
        await recordAuditEvent(tx, result.actor, {
          action: "connector.tested",
          targetType: "connector",
          targetId: result.connector.id,
          summary: failed
            ? `Tested connector '${result.connector.displayName}': ${failed.status === "fail" ? "failed" : "could not finish"} at “${failed.label}” (${failed.code ?? "no code"})`
            : `Tested connector '${result.connector.displayName}': every check passed`,
          details: { runId: result.runId, trigger: result.trigger, outcome: result.outcome, failedCheck: failed?.key ?? null, code: failed?.code ?? null },
        });
      }
      return toValidationRunDto(run);
    });
  } catch (error) {
    // The connector (and with it the run) was deleted while the test ran.
    if (isRecordNotFound(error)) throw notFound("The connector");
    throw error;
  }
}
