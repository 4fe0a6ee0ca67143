import "server-only";
// What a run found, as a short hash: the method and settings it tested, its outcome, and each
// check's result with the operator-facing words (what failed, why, the fix). Left out is what
// differs between two runs that found the same thing: times, durations, a passing hop's token
// details (its expiry), trace ids, raw answers and Retry-After. Two runs with the same digest
// found the same thing, so the older scheduled ones between them can be thinned out of the
// history (thin-runs.ts) without losing a change.
import { createHash } from "node:crypto";
import type { CheckResultDto, RunOutcome } from "@/lib/schemas/validation";

export type DigestInput = {
  kind: "chain" | "sources";
  authMethod: string | null;
  settingsKey: string | null;
  outcome: RunOutcome;
  checks: CheckResultDto[];
};

export function runDigest(run: DigestInput): string {
  const found = run.checks.map((check) => [check.key, check.label, check.status, check.code, check.title, check.cause, check.fix, check.expected, check.configured, check.link?.href ?? null]);
  return createHash("sha256")
    .update(JSON.stringify([run.kind, run.authMethod, run.settingsKey, run.outcome, found]))
    .digest("base64url")
    .slice(0, 22);
}
