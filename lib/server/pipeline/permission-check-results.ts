import "server-only";
// Builders for permission checks as the operator reads them. A decoded ADO failure becomes
// "unknown" when Azure DevOps could not give an answer (throttled, a server error, no answer in
// time): the permission may well be there, so it is not reported as missing.
import { isUnanswered } from "@/lib/server/pipeline/unanswered";
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import type { CheckResultDto } from "@/lib/schemas/validation";

import { checkFromDecoded, emptyCheckFields as empty, type CheckHead } from "@/lib/server/pipeline/check-result";

export type { CheckHead };

export function isTransient(error: Pick<DecodedError, "code">): boolean {
  return isUnanswered(error) || error.code === "HTTP 429";
}

export function passCheck(head: CheckHead, detail: string, durationMs: number | null): CheckResultDto {
  return { ...empty, ...head, status: "pass", durationMs, detail };
}

export function decodedCheck(head: CheckHead, error: DecodedError, durationMs: number | null, status?: "fail" | "unknown"): CheckResultDto {
  return checkFromDecoded(head, error, durationMs, status ?? (isTransient(error) ? "unknown" : "fail"));
}

export function skippedCheck(head: CheckHead, cause: string, fix: string | null = null): CheckResultDto {
  return { ...empty, ...head, status: "skipped", durationMs: null, title: "Not checked", cause, fix };
}

export function outOfBudgetCheck(head: CheckHead, budgetMs: number): CheckResultDto {
  const seconds = Math.round(budgetMs / 1000);
  return {
    ...empty,
    ...head,
    status: "unknown",
    durationMs: null,
    code: "budget_exhausted",
    title: "Not decided: the validation ran out of time",
    cause: `Azure DevOps answered too slowly for every check to finish within the validation's ${seconds} s budget.`,
    fix: "Run the validation again in a minute. If Azure DevOps keeps answering slowly, check its status page.",
    raw: `Validation budget of ${seconds} s exhausted before this check.`,
  };
}
