// What saving will do with each repository, from the review's checks: "ready" when the
// connector's identity can read it, else a draft that lists what is missing (the server decides
// again when it saves; this is what the operator agrees to). Checks for commenting and work items
// do not decide whether the agent may clone: they are listed apart here, and the saved source's
// readiness keeps them (sourceReadiness), so the list never calls it ready for what they gate.
import type { RepositoryRow } from "@/lib/client/wizard-draft";
import { checkKindOf } from "@/lib/schemas/ado-capabilities";
import type { PermissionValidationDto } from "@/lib/schemas/permission-check";
import type { CheckResultDto } from "@/lib/schemas/validation";

export type PlannedRow = { row: RepositoryRow; status: "ready" | "draft"; missing: string[] };
export type SavePlan = { rows: PlannedRow[]; readyCount: number; draftCount: number; connectorMissing: string[] };

const notPassed = (check: CheckResultDto) => check.status !== "pass";
export const missingLine = (check: CheckResultDto) => `${check.label}: ${check.fix ?? check.cause ?? check.title ?? "not decided"}`;

export function savePlan(rows: RepositoryRow[], validation: PermissionValidationDto): SavePlan {
  const shared = validation.checks.filter((check) => ["credential", "organization", "project"].includes(checkKindOf(check.key)));
  const planned = rows.map((row): PlannedRow => {
    const read = validation.checks.filter((check) => check.key.toLowerCase() === `repository-read:${row.repository}`.toLowerCase());
    const missing = [...shared, ...read].filter(notPassed).map(missingLine);
    // No read check for this repository at all means the review did not cover it.
    if (read.length === 0) missing.push(`Read repository ${row.repository}: not checked; run the review again.`);
    return { row, status: missing.length === 0 ? "ready" : "draft", missing };
  });
  const connectorMissing = validation.checks
    .filter((check) => ["pull-request-contribute", "work-item-write"].includes(checkKindOf(check.key)))
    .filter(notPassed)
    .map(missingLine);
  const readyCount = planned.filter((entry) => entry.status === "ready").length;
  return { rows: planned, readyCount, draftCount: planned.length - readyCount, connectorMissing };
}

export function saveLabel(plan: SavePlan): string {
  const total = plan.rows.length;
  const noun = (count: number) => (count === 1 ? "repository" : "repositories");
  if (plan.draftCount === 0) return `Save ${total} ${noun(total)}`;
  if (plan.readyCount === 0) return total === 1 ? "Save as draft" : `Save ${total} ${noun(total)} as drafts`;
  return `Save ${plan.readyCount} ready and ${plan.draftCount} as ${plan.draftCount === 1 ? "draft" : "drafts"}`;
}
