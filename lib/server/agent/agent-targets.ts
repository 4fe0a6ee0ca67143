import "server-only";
// One key per organization or Kusto database, so an assignment and a request for the same target
// compare equal however they were typed (case, a trailing slash on the cluster URL).
import type { AgentAssignmentDto, AgentTarget } from "@/lib/schemas/agent-access";
import { adoOrganizationSchema } from "@/lib/schemas/connector";
import { AppError } from "@/lib/server/errors";
import { normalizeClusterUrl } from "@/lib/server/kusto/cluster-url";
import { settings } from "@/lib/server/settings";

export type NormalizedTarget = AgentAssignmentDto & { key: string };

export function normalizeTarget(target: AgentTarget): NormalizedTarget {
  if ("organization" in target) {
    const parsed = adoOrganizationSchema.safeParse(target.organization);
    if (!parsed.success) {
      throw new AppError("validation_failed", "The organization name is invalid.", {
        fields: [{ field: "organization", message: parsed.error.issues[0]?.message ?? "is invalid" }],
      });
    }
    return { kind: "ado", organization: parsed.data, key: `ado:${parsed.data}` };
  }
  const clusterUrl = normalizeClusterUrl(target.clusterUrl, settings().kustoExtraOrigins);
  const database = target.database.trim();
  return { kind: "kusto", clusterUrl, database, key: `kusto:${clusterUrl.toLowerCase()}/${database.toLowerCase()}` };
}

export function describeTarget(target: AgentAssignmentDto | AgentTarget): string {
  return "organization" in target ? `the Azure DevOps organization '${target.organization}'` : `the Kusto database '${target.database}' on ${target.clusterUrl}`;
}
