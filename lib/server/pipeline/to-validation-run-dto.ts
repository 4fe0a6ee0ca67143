import "server-only";
import type { CheckResultDto, CheckStatus, RunOutcome, RunTrigger, ValidationRunDto } from "@/lib/schemas/validation";

type CheckRow = {
  key: string;
  label: string;
  status: string;
  durationMs: number | null;
  code: string | null;
  title: string | null;
  cause: string | null;
  fix: string | null;
  expected: string | null;
  configured: string | null;
  detail: string | null;
  linkLabel: string | null;
  linkHref: string | null;
  raw: string | null;
  traceId: string | null;
  retryAfterMs: number | null;
};

type RunRow = {
  id: string;
  connectorId: string;
  trigger: string;
  outcome: string;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  checks: CheckRow[];
};

export function toCheckResultDto(row: CheckRow): CheckResultDto {
  return {
    key: row.key,
    label: row.label,
    status: row.status as CheckStatus,
    durationMs: row.durationMs,
    code: row.code,
    title: row.title,
    cause: row.cause,
    fix: row.fix,
    expected: row.expected,
    configured: row.configured,
    detail: row.detail,
    link: row.linkHref ? { label: row.linkLabel ?? row.linkHref, href: row.linkHref } : null,
    raw: row.raw,
    traceId: row.traceId,
    retryAfterMs: row.retryAfterMs,
  };
}

export function toValidationRunDto(row: RunRow): ValidationRunDto {
  return {
    id: row.id,
    connectorId: row.connectorId,
    trigger: row.trigger as RunTrigger,
    outcome: row.outcome as RunOutcome,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    checks: row.checks.map(toCheckResultDto),
  };
}
