import "server-only";
// Writes a chain test's verdict on the connector. A draft stays a draft until a run passes (the
// broker never serves one), and its `draftMissing` follows what the latest run found missing.
import type { Prisma } from "@/lib/generated/prisma";
import type { CheckResultDto } from "@/lib/schemas/validation";
import type { ConnectorStatus } from "@/lib/schemas/connector";

type Tx = Pick<Prisma.TransactionClient, "connector">;

/** What a failed check says is missing, in one sentence with its fix. */
export const missingFromCheck = (check: CheckResultDto) => [`“${check.label}” did not pass: ${check.title ?? check.code ?? "no explanation"}.`, check.fix].filter(Boolean).join(" ");

export async function applyConnectorStatus(tx: Tx, where: Prisma.ConnectorWhereInput, status: ConnectorStatus, checks: CheckResultDto[], startedAt: Date): Promise<void> {
  await tx.connector.updateMany({ where: { AND: [where, { status: { not: "draft" } }] }, data: { status, lastCheckedAt: startedAt } });
  if (status === "healthy") {
    await tx.connector.updateMany({ where: { AND: [where, { status: "draft" }] }, data: { status, draftMissing: null, lastCheckedAt: startedAt } });
    return;
  }
  const failed = checks.find((check) => check.status === "fail" || check.status === "unknown");
  const draftMissing = failed ? missingFromCheck(failed) : undefined;
  await tx.connector.updateMany({ where: { AND: [where, { status: "draft" }] }, data: { lastCheckedAt: startedAt, ...(draftMissing ? { draftMissing } : {}) } });
}
