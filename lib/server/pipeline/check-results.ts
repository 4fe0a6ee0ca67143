import "server-only";
// Hop outcomes as the checks an operator reads: pass with facts, fail with cause and fix,
// skipped with the reason. Also a last fence: no credential the chain held may appear in a check.
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import type { CheckResultDto } from "@/lib/schemas/validation";
import { checkFromDecoded, emptyCheckFields as empty } from "@/lib/server/pipeline/check-result";
import type { ChainState, Hop, HopOutcome } from "./chain-hop";

export function checkFromOutcome(hop: Hop, outcome: HopOutcome, durationMs: number): CheckResultDto {
  if (outcome.status === "pass") return { ...empty, key: hop.key, label: hop.label, status: "pass", durationMs, detail: outcome.detail };
  return checkFromError(hop, "fail", outcome.error, durationMs);
}

export function checkFromError(hop: Hop, status: "fail" | "unknown", error: DecodedError, durationMs: number): CheckResultDto {
  return checkFromDecoded({ key: hop.key, label: hop.label }, error, durationMs, status);
}

export function skippedCheck(hop: Hop, reason: string): CheckResultDto {
  return { ...empty, key: hop.key, label: hop.label, status: "skipped", durationMs: null, title: "Skipped", cause: reason };
}

/** The credential values the chain held: the header value, its token, and a PAT inside Basic auth. */
function secretsOf(state: ChainState): string[] {
  if (!state.authorization) return [];
  const [scheme = "", credential = ""] = state.authorization.split(" ", 2);
  const secrets = [state.authorization, credential];
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(credential, "base64").toString("utf8");
    secrets.push(decoded.slice(decoded.indexOf(":") + 1));
  }
  return secrets.filter((secret) => secret.length >= 8);
}

export function scrubSecrets(checks: CheckResultDto[], state: ChainState): CheckResultDto[] {
  const secrets = secretsOf(state);
  if (secrets.length === 0) return checks;
  const scrub = (text: string | null) => (text === null ? null : secrets.reduce((value, secret) => value.split(secret).join("[redacted]"), text));
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
