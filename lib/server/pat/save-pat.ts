import "server-only";
// Save (or replace) a connector's PAT: validate against the organization first, store it
// encrypted, record who did it. The answer and the audit event carry only status: configured,
// the last four characters, dates and who the PAT authenticates as.
import { expiryToDate, type PatSaved, type SavePatInput } from "@/lib/schemas/connector-pat";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Operator } from "@/lib/server/auth/permissions";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/errors";
import { validatePat } from "./validate-pat";

export async function savePat(db: Db, operator: Operator, connectorId: string, input: SavePatInput): Promise<PatSaved> {
  const connector = await db.connector.findUnique({
    where: { id: connectorId },
    select: { kind: true, version: true, displayName: true, patSetAt: true, organization: { select: { name: true } } },
  });
  if (!connector) throw notFound("The connector");
  if (connector.kind !== "ado" || !connector.organization) {
    throw new AppError("validation_failed", "Personal access tokens are for Azure DevOps connectors.", { fields: [{ field: "pat", message: "is not used by Kusto connectors" }] });
  }
  const expiresAt = input.expiresAt ? expiryToDate(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new AppError("validation_failed", "The PAT's expiry date is in the past.", { fields: [{ field: "expiresAt", message: "is in the past: an expired PAT cannot work" }] });
  }
  // Check the version before calling Azure DevOps, so a stale form does not cost a round trip.
  if (connector.version !== input.version) {
    throw new AppError("version_conflict", "The connector was changed by someone else since you loaded it.", { hint: "Reload to see the latest values, then save the PAT again." });
  }
  const organization = connector.organization.name;
  const check = await validatePat(organization, input.pat);
  if (!check.ok) {
    throw new AppError("validation_failed", `The PAT was not saved. ${check.cause}`, { fields: [{ field: "pat", message: `${check.cause} ${check.fix}` }], hint: check.fix });
  }
  const status = await setPat(db, connectorId, { pat: input.pat, expiresAt, expectedVersion: input.version });
  const replaced = connector.patSetAt !== null;
  await recordAuditEvent(db, operator, {
    action: replaced ? "connector.pat_replaced" : "connector.pat_saved",
    targetType: "connector",
    targetId: connectorId,
    summary: `${replaced ? "Replaced" : "Saved"} the PAT of connector '${connector.displayName}' (authenticates as ${check.caller.account} in '${organization}')`,
    details: { authenticatedAs: check.caller.account, expiresAt: expiresAt?.toISOString() ?? null, projects: check.projectCount, repositories: check.repositoryCount },
  });
  return {
    configured: true,
    last4: status.last4 ?? "",
    setAt: (status.setAt ?? new Date()).toISOString(),
    expiresAt: status.expiresAt?.toISOString() ?? null,
    authenticatedAs: check.caller.account,
  };
}
