// Contracts for chain tests and permission checks: what a run and each of its checks tell the
// operator. Shared by the validation routes, the chain test panel, health and the tests.
import { z } from "zod";

export const checkStatuses = ["pass", "fail", "unknown", "skipped"] as const;
export type CheckStatus = (typeof checkStatuses)[number];
export type RunOutcome = "pass" | "fail" | "unknown" | "running";
export type RunTrigger = "manual" | "schedule" | "wizard";

export type CheckResultDto = {
  /** Stable id of the check, e.g. "mi-token", "exchange", "ado-call", "repo-read:payments-api". */
  key: string;
  label: string;
  status: CheckStatus;
  durationMs: number | null;
  /** Upstream code: AADSTS700213, TF401444, HTTP 403 … */
  code: string | null;
  title: string | null;
  cause: string | null;
  fix: string | null;
  expected: string | null;
  configured: string | null;
  /** Non-secret facts of a passing hop (issuer, subject, audience of a token; who the caller is). Never a token. */
  detail: string | null;
  link: { label: string; href: string } | null;
  raw: string | null;
  traceId: string | null;
  /** How long the service asked to wait before trying again (its Retry-After), when it throttled. */
  retryAfterMs: number | null;
};

export type ValidationRunDto = {
  id: string;
  connectorId: string;
  trigger: RunTrigger;
  outcome: RunOutcome;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  checks: CheckResultDto[];
};

/** GET /api/connectors/[id]/runs?take= — the most recent runs first. */
export const listValidationRunsQuerySchema = z.object({ take: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50").default(10) }).strict();

// Without zod, for the pages that only show checks (see unanswered-code.ts).
export { isUnansweredCode } from "./unanswered-code";
