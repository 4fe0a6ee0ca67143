// Where each check of a review is shown: every check once, under the first group that needs it
// (the connection, then the capabilities in order). A later capability that needs the same check
// (commenting and creating work items both need "Edit work items in this node") names it instead
// of repeating it, so a failure is listed once and the count above matches the red rows below.
import { checkKindOf, type AdoCapability } from "@/lib/schemas/ado-capabilities";
import type { PermissionValidationDto } from "@/lib/schemas/permission-check";
import type { CheckResultDto } from "@/lib/schemas/validation";

const connectionKinds = new Set(["credential", "organization", "project"]);

export type ReviewGroup = {
  capability: AdoCapability | "connection";
  /** Checks shown in this group. */
  rows: CheckResultDto[];
  /** Checks this group also needs, shown in an earlier group. */
  sharedWith: { check: CheckResultDto; shownIn: AdoCapability | "connection" }[];
};

export const needsAttention = (check: CheckResultDto) => check.status === "fail" || check.status === "unknown";

export function reviewLayout(result: Pick<PermissionValidationDto, "checks" | "capabilities">): { groups: ReviewGroup[]; attention: number } {
  const shownIn = new Map<string, AdoCapability | "connection">();
  const connection: ReviewGroup = { capability: "connection", rows: result.checks.filter((check) => connectionKinds.has(checkKindOf(check.key))), sharedWith: [] };
  for (const check of connection.rows) shownIn.set(check.key, "connection");
  const groups: ReviewGroup[] = [connection];
  for (const capability of result.capabilities) {
    const group: ReviewGroup = { capability: capability.capability, rows: [], sharedWith: [] };
    for (const check of capability.checks) {
      const earlier = shownIn.get(check.key);
      if (earlier === "connection") continue;
      if (earlier) group.sharedWith.push({ check, shownIn: earlier });
      else {
        group.rows.push(check);
        shownIn.set(check.key, capability.capability);
      }
    }
    groups.push(group);
  }
  const attention = groups.flatMap((group) => group.rows).filter(needsAttention).length;
  return { groups, attention };
}
