import "server-only";
// Kusto cluster URLs are typed by operators, and the portal sends the agent's token to them,
// so only Azure's Kusto domains (and the sandbox origin when configured) are accepted, by the
// same rule the outbound allow-list applies (lib/schemas/kusto-cluster-url.ts).
import { AppError } from "@/lib/server/errors";
import { isAllowedKustoUrl, isAzureKustoHostname, KUSTO_PORT_PROBLEM } from "@/lib/schemas/kusto-cluster-url";

const invalid = (message: string) => new AppError("validation_failed", "The cluster URL is not allowed.", { fields: [{ field: "clusterUrl", message }] });

/** Returns the canonical cluster URL (origin plus path, no trailing slash) or throws a field error. */
export function normalizeClusterUrl(input: string, extraOrigins: string[]): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw invalid("must be a URL like https://mycluster.westeurope.kusto.windows.net");
  }
  if (url.protocol !== "https:") throw invalid("must use https://");
  if (url.username || url.password) throw invalid("must not contain credentials");
  if (url.search || url.hash) throw invalid("must not contain a query or fragment");
  const path = url.pathname.replace(/\/+$/, "");
  const canonical = new URL(`${url.origin}${path}`);
  const host = url.hostname.toLowerCase();
  if (isAzureKustoHostname(host)) {
    if (url.port !== "") throw invalid(KUSTO_PORT_PROBLEM);
    if (path !== "") throw invalid("must be the cluster address without a path");
  }
  if (isAllowedKustoUrl(canonical, extraOrigins)) return `${url.origin}${path}`;
  throw invalid(`host ${host} is not an Azure Data Explorer cluster (expected *.kusto.windows.net or another Kusto domain)`);
}
