import "server-only";
// Stores a permission validation as a ValidationRun with its checks, and an audit event, in one
// transaction. The connector's own status belongs to its chain test and is left alone: a
// repository the identity may not read does not make the connector unhealthy.
import type { Prisma } from "@/lib/generated/prisma";
import { checkRow } from "@/lib/server/checks/check-result";
import type { Operator } from "@/lib/server/auth/permissions";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import type { CheckResultDto, RunOutcome, RunTrigger } from "@/lib/schemas/validation";

export type PermissionRunRecord = {
  connector: { id: string; displayName: string };
  trigger: RunTrigger;
  startedAt: Date;
  outcome: Exclude<RunOutcome, "running">;
  checks: CheckResultDto[];
  summary: { project: string; repositories: string[]; areaPath: string | null };
};

type Tx = Prisma.TransactionClient | Db;

export function overallOutcome(checks: CheckResultDto[]): Exclude<RunOutcome, "running"> {
  if (checks.some((check) => check.status === "fail")) return "fail";
  if (checks.every((check) => check.status === "pass")) return "pass";
  return "unknown";
}

export async function recordPermissionRun(tx: Tx, actor: Pick<Operator, "id" | "name">, record: PermissionRunRecord): Promise<{ id: string; durationMs: number }> {
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - record.startedAt.getTime();
  const run = await tx.validationRun.create({
    data: {
      connectorId: record.connector.id,
      trigger: record.trigger,
      kind: "sources",
      outcome: record.outcome,
      startedAt: record.startedAt,
      finishedAt,
      durationMs,
      checks: {
        create: record.checks.map(checkRow),
      },
    },
    select: { id: true },
  });
  const notPassing = record.checks.filter((check) => check.status !== "pass");
  await recordAuditEvent(tx, actor, {
    action: "connector.permissions_validated",
    targetType: "connector",
    targetId: record.connector.id,
    summary:
      notPassing.length === 0
        ? `Validated permissions of '${record.connector.displayName}' in ${record.summary.project}: every check passed`
        : `Validated permissions of '${record.connector.displayName}' in ${record.summary.project}: ${notPassing.length} of ${record.checks.length} checks did not pass (${notPassing.map((check) => check.key).join(", ")})`,
    details: { runId: run.id, trigger: record.trigger, outcome: record.outcome, ...record.summary, notPassing: notPassing.map((check) => `${check.key}:${check.status}:${check.code ?? ""}`) },
  });
  return { id: run.id, durationMs };
}
