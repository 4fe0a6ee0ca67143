import "server-only";
// How an alert names what a connector reaches: the ADO organization, or the Kusto cluster's host
// and the database.
export function connectorTarget(row: { kind: string; organization: { name: string } | null; clusterUrl: string | null; database: string | null }): string {
  if (row.kind === "ado") return row.organization?.name ?? "(no organization)";
  let host = row.clusterUrl ?? "(no cluster)";
  try {
    host = new URL(host).host;
  } catch {
    // Not a URL: show it as stored.
  }
  return `${host}/${row.database ?? ""}`;
}
