import "server-only";
// The one writer of the check pipeline. A finished run is stored with its checks (one JSON column,
// stored-checks.ts) in one write, at the end (never inserted "running" and updated later),
// together with the connector's status and the audit event, in one transaction; a sweep stores a whole batch of runs in one
// transaction the same way, with a fixed number of statements (write-verdicts.ts). The status
// update is a compare-and-swap that leaves the operator-facing version alone: it applies only if
// the settings and secrets tested are still the current ones and no newer run has reported since.
// A connector deleted while its check ran has no run stored: a single run answers "not found", a
// batch leaves it out.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma";
import type { Operator } from "@/lib/server/auth/permissions";
import { connectorEdited } from "@/lib/server/broker/connector-snapshot";
import { recordAuditEvent, type AuditInput } from "@/lib/server/audit/record-audit-event";
import { providerOf, type Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";
import type { CheckResultDto, RunTrigger, ValidationRunDto } from "@/lib/schemas/validation";
import type { ConnectorStatus } from "@/lib/schemas/connector";
import { settingsKeyOf, type SettingsFields } from "@/lib/server/status/settings-key";
import type { FinishedOutcome, HopRun } from "./run-hops";
import { isUnanswered } from "./unanswered";
import { checksColumn } from "./stored-checks";
import { runDigest } from "./run-digest";
import { readBatch, writeVerdicts } from "./write-verdicts";
import { didNotPass } from "./check-results";

export const SYSTEM_ACTOR = { id: "system", name: "TenantBridge health check" } as const;

export type RunRecord = {
  connector: {
    id: string;
    displayName: string;
    /** The settings the run tested (BrokerConnector.tested): the connector's status follows the run while they hold. Without it the status is left alone. */
    tested?: Prisma.ConnectorWhereInput;
  };
  trigger: RunTrigger;
  /** A chain test (the connector's own verdict) or a knowledge-source permission run; "chain" unless said. */
  kind?: "chain" | "sources";
  /** The method and settings a run without `tested` ran with, so its history says which they were. */
  about?: SettingsFields;
  run: HopRun;
  actor: Pick<Operator, "id" | "name">;
  /** The audit event of an operator's action; none for the scheduler's re-checks, which are history (the runs table). */
  audit: AuditInput | null;
};

export function statusAfter(outcome: FinishedOutcome, checks: CheckResultDto[]): ConnectorStatus {
  if (outcome === "pass") return "healthy";
  if (checks.some((check) => check.code === "sign_in_lapsed")) return "needs_signin";
  // A hop that failed because its service did not answer says nothing about the setup.
  const failed = checks.filter((check) => check.status === "fail");
  if (failed.length > 0 && failed.every(isUnanswered)) return "unavailable";
  // "unknown": something unexpected stopped the test; the connector may work, so not "failing".
  return outcome === "fail" ? "failing" : "degraded";
}

/** The audit event of an operator's chain test; none for a scheduled one. */
export function chainTestAudit(connector: { id: string; displayName: string }, trigger: RunTrigger, run: HopRun): AuditInput | null {
  if (trigger === "schedule") return null;
  const failed = run.checks.find(didNotPass);
  return {
    action: "connector.tested",
    targetType: "connector",
    targetId: connector.id,
    summary: failed
      ? `Tested connector '${connector.displayName}': ${failed.status === "fail" ? "failed" : "could not finish"} at “${failed.label}” (${failed.code ?? "no code"})`
      : `Tested connector '${connector.displayName}': every check passed`,
    details: { trigger, outcome: run.outcome, failedCheck: failed?.key ?? null, code: failed?.code ?? null },
  };
}

/** What a failed check says is missing, in one sentence with its fix. */
export const missingFromCheck = (check: CheckResultDto) => [`“${check.label}” did not pass: ${check.title ?? check.code ?? "no explanation"}.`, check.fix].filter(Boolean).join(" ");

// A foreign key to a deleted connector (P2003), or a row that vanished (P2025).
const isConnectorGone = (error: unknown) => ["P2003", "P2025"].includes(String((error as { code?: unknown })?.code));

function toDto(id: string, record: RunRecord): ValidationRunDto {
  const { run } = record;
  return {
    id,
    connectorId: record.connector.id,
    trigger: record.trigger,
    outcome: run.outcome,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    durationMs: run.finishedAt.getTime() - run.startedAt.getTime(),
    checks: run.checks,
  };
}

/** Stores the runs in one transaction; a run whose connector is gone comes back null. */
export async function recordRuns(db: Db, records: RunRecord[]): Promise<(ValidationRunDto | null)[]> {
  if (records.length === 0) return [];
  const provider = providerOf(db);
  for (let attempt = 1; ; attempt++) {
    let draftsLifted = false;
    try {
      const stored = await db.$transaction(async (tx) => {
        const batch = await readBatch(
          tx,
          provider,
          records.map((record) => record.connector.id),
        );
        const present = new Set(batch.map((row) => row.id));
        const stored = records.map((record) => (present.has(record.connector.id) ? toDto(randomUUID(), record) : null));
        const runs = records.flatMap((record, index) => {
          const dto = stored[index];
          return dto ? [{ record, dto }] : [];
        });
        if (runs.length === 0) return stored;
        const aboutOf = (record: RunRecord) => (record.about ?? record.connector.tested) as SettingsFields | undefined;
        await tx.validationRun.createMany({
          data: runs.map(({ record, dto }) => {
            const about = aboutOf(record);
            const tested = { kind: record.kind ?? "chain", authMethod: about?.authMethod ?? null, settingsKey: about ? settingsKeyOf(about) : null };
            return {
              id: dto.id,
              connectorId: dto.connectorId,
              trigger: dto.trigger,
              ...tested,
              outcome: dto.outcome,
              startedAt: new Date(dto.startedAt),
              finishedAt: new Date(dto.finishedAt!),
              durationMs: dto.durationMs,
              checks: checksColumn(dto.checks),
              digest: runDigest({ ...tested, outcome: dto.outcome, checks: dto.checks }),
            };
          }),
        });
        // Each chain run's verdict lands on its connector while the settings it tested still hold
        // and no run that started later has reported; the status shown is derived from it (and the
        // sources) in the same statement (write-verdicts.ts).
        const verdicts = runs.flatMap(({ record }) =>
          record.connector.tested && (record.kind ?? "chain") === "chain"
            ? [
                {
                  connectorId: record.connector.id,
                  tested: record.connector.tested,
                  status: statusAfter(record.run.outcome, record.run.checks),
                  startedAt: record.run.startedAt,
                  outcome: record.run.outcome,
                  checks: record.run.checks,
                },
              ]
            : [],
        );
        if ((await writeVerdicts(tx, provider, batch, verdicts, missingFromCheck)).draftsLifted) draftsLifted = true;
        for (const { record, dto } of runs) {
          if (record.audit) await recordAuditEvent(tx, record.actor, { ...record.audit, details: { runId: dto.id, ...record.audit.details } });
        }
        return stored;
      });
      // A lifted draft is served from now on: the broker's short-lived connector reads start over.
      if (draftsLifted) connectorEdited();
      return stored;
    } catch (error) {
      // A connector deleted between the read above and the insert (another replica): read again.
      if (isConnectorGone(error) && attempt < 3) continue;
      throw error;
    }
  }
}

/** Stores one run; the connector deleted while its check ran is "not found". */
export async function recordRun(db: Db, record: RunRecord): Promise<ValidationRunDto> {
  const [stored] = await recordRuns(db, [record]);
  if (!stored) throw notFound("The connector");
  return stored;
}
