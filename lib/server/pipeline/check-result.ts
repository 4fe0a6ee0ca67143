import "server-only";
// The one way a decoded upstream failure becomes a check an operator reads; shared by the chain
// test and the permission checks so both show cause, fix, expected/configured and trace id alike.
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import type { CheckResultDto } from "@/lib/schemas/validation";

export type CheckHead = { key: string; label: string };

export const emptyCheckFields = {
  code: null,
  title: null,
  cause: null,
  fix: null,
  expected: null,
  configured: null,
  detail: null,
  link: null,
  raw: null,
  traceId: null,
} as const;

export function checkFromDecoded(head: CheckHead, error: DecodedError, durationMs: number | null, status: "fail" | "unknown"): CheckResultDto {
  return {
    ...head,
    status,
    durationMs,
    code: error.code,
    title: error.title,
    cause: error.cause,
    fix: error.fix,
    expected: error.expected ?? null,
    configured: error.configured ?? null,
    detail: null,
    link: error.link ?? null,
    raw: error.raw,
    traceId: error.traceId ?? error.correlationId ?? null,
  };
}

/** A check as a ValidationCheck row (without its run id), at its position in the run. */
export function checkRow(check: CheckResultDto, position: number) {
  return {
    position,
    key: check.key,
    label: check.label,
    status: check.status,
    code: check.code,
    title: check.title,
    cause: check.cause,
    fix: check.fix,
    expected: check.expected,
    configured: check.configured,
    detail: check.detail,
    linkLabel: check.link?.label ?? null,
    linkHref: check.link?.href ?? null,
    raw: check.raw,
    traceId: check.traceId,
    durationMs: check.durationMs,
  };
}
