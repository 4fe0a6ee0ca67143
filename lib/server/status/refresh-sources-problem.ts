import "server-only";
// Summarizes a connector's knowledge sources (the first one not ready for what it was added for,
// and how many are not) into the connector row, then refreshes the connector's derived status.
// Called whenever a source is added, edited, removed or checked again.
import { sourcesProblemOf } from "@/lib/schemas/connector-status";
import { sourceInclude, toSourceDtos } from "@/lib/server/sources/to-source-dto";
import { refreshConnectorStatus, type Tx } from "./refresh-connector-status";

export async function refreshSourcesProblem(tx: Tx, connectorId: string) {
  const rows = await tx.knowledgeSource.findMany({ where: { connectorId }, include: sourceInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  // A source never checked says nothing about what is granted.
  const checked = await toSourceDtos(
    tx,
    rows.filter((row) => row.validationRunId !== null),
  );
  const problem = sourcesProblemOf(checked);
  if (problem) problem.total = rows.length;
  await tx.connector.updateMany({ where: { id: connectorId }, data: { sourcesProblem: problem ? JSON.stringify(problem) : null } });
  return refreshConnectorStatus(tx, connectorId);
}
