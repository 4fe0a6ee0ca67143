import "server-only";
import type { RunOutcome, RunTrigger, ValidationRunDto } from "@/lib/schemas/validation";
import { checksOf } from "./stored-checks";

type RunRow = {
  id: string;
  connectorId: string;
  trigger: string;
  outcome: string;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  /** The checks column (stored-checks.ts). */
  checks: string;
};

export function toValidationRunDto(row: RunRow): ValidationRunDto {
  return {
    id: row.id,
    connectorId: row.connectorId,
    trigger: row.trigger as RunTrigger,
    outcome: row.outcome as RunOutcome,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    checks: checksOf(row.checks),
  };
}
