import "server-only";
// The one builder of the checks an operator reads, for every run of the pipeline (chain test,
// scheduled check, permission review): pass with facts, fail or unknown with the decoded cause and
// fix, skipped with the reason, out of time. Also a last fence: no credential a run held may
// appear in a check.
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import type { CheckResultDto } from "@/lib/schemas/validation";
import type { ChainState, HopOutcome } from "./chain-hop";
import { isUnanswered } from "./unanswered";

/** What names a check: its stable key and the label the operator reads. */
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
  retryAfterMs: null,
} as const;
const empty = emptyCheckFields;

/** A check that failed or could not be decided: what a run's summary, a draft note and an alert quote (a skipped check is neither). */
export const didNotPass = (check: Pick<CheckResultDto, "status">) => check.status === "fail" || check.status === "unknown";

/** Azure DevOps could not give an answer (throttled, a server error, no answer in time): the permission may well be there. */
export function isTransient(error: Pick<DecodedError, "code">): boolean {
  return isUnanswered(error) || error.code === "HTTP 429";
}

export function passCheck(head: CheckHead, detail: string, durationMs: number | null): CheckResultDto {
  return { ...empty, key: head.key, label: head.label, status: "pass", durationMs, detail };
}

export function checkFromDecoded(head: CheckHead, error: DecodedError, durationMs: number | null, status: "fail" | "unknown"): CheckResultDto {
  return {
    key: head.key,
    label: head.label,
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
    retryAfterMs: error.retryAfterMs ?? null,
  };
}

/** A decoded failure; without a status, "unknown" when the service gave no answer and "fail" otherwise. */
export function decodedCheck(head: CheckHead, error: DecodedError, durationMs: number | null, status?: "fail" | "unknown"): CheckResultDto {
  return checkFromDecoded(head, error, durationMs, status ?? (isTransient(error) ? "unknown" : "fail"));
}

export function checkFromOutcome(head: CheckHead, outcome: HopOutcome, durationMs: number): CheckResultDto {
  if (outcome.status === "pass") return passCheck(head, outcome.detail, durationMs);
  return checkFromDecoded(head, outcome.error, durationMs, outcome.status);
}

export function checkFromError(head: CheckHead, status: "fail" | "unknown", error: DecodedError, durationMs: number): CheckResultDto {
  return checkFromDecoded(head, error, durationMs, status);
}

/** A check that did not run, with the reason (and, when the operator can act, what to do). */
export function skippedCheck(head: CheckHead, cause: string, fix: string | null = null): CheckResultDto {
  return { ...empty, key: head.key, label: head.label, status: "skipped", durationMs: null, title: "Not checked", cause, fix };
}

export function outOfBudgetCheck(head: CheckHead, budgetMs: number): CheckResultDto {
  const seconds = Math.round(budgetMs / 1000);
  return {
    ...empty,
    key: head.key,
    label: head.label,
    status: "unknown",
    durationMs: null,
    code: "budget_exhausted",
    title: "Not decided: the validation ran out of time",
    cause: `Azure DevOps answered too slowly for every check to finish within the validation's ${seconds} s budget.`,
    fix: "Run the validation again in a minute. If Azure DevOps keeps answering slowly, check its status page.",
    raw: `Validation budget of ${seconds} s exhausted before this check.`,
  };
}

/** The credential values the run held: the header value, its token, and a PAT inside Basic auth. */
function secretsOf(state: Pick<ChainState, "authorization">): string[] {
  if (!state.authorization) return [];
  const [scheme = "", credential = ""] = state.authorization.split(" ", 2);
  const secrets = [state.authorization, credential];
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(credential, "base64").toString("utf8");
    secrets.push(decoded.slice(decoded.indexOf(":") + 1));
  }
  return secrets.filter((secret) => secret.length >= 8);
}

export function scrubSecrets(checks: CheckResultDto[], state: Pick<ChainState, "authorization">): CheckResultDto[] {
  const secrets = secretsOf(state);
  if (secrets.length === 0) return checks;
  // A text shorter than a secret cannot hold it: most check texts are far shorter than a token.
  const scrub = (text: string | null) => (text === null ? null : secrets.reduce((value, secret) => (value.length < secret.length ? value : value.split(secret).join("[redacted]")), text));
  return checks.map((check) => ({
    ...check,
    title: scrub(check.title),
    cause: scrub(check.cause),
    fix: scrub(check.fix),
    expected: scrub(check.expected),
    configured: scrub(check.configured),
    detail: scrub(check.detail),
    raw: scrub(check.raw),
  }));
}
