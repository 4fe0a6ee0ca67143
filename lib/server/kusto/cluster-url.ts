import "server-only";
// Kusto cluster URLs are typed by operators, and the portal sends the agent's token to them,
// so only Azure's Kusto domains (and the sandbox origin when configured) are accepted.
import { AppError } from "@/lib/server/errors";

// https://learn.microsoft.com/azure/data-explorer/kusto/api/connection-strings/kusto — public,
// sovereign clouds and Fabric/Synapse endpoints.
const AZURE_KUSTO_SUFFIXES = [
  ".kusto.windows.net",
  ".kustomfa.windows.net",
  ".kusto.fabric.microsoft.com",
  ".kusto.azuresynapse.net",
  ".kusto.usgovcloudapi.net",
  ".kusto.chinacloudapi.cn",
];

const invalid = (message: string) =>
  new AppError("validation_failed", "The cluster URL is not allowed.", { fields: [{ field: "clusterUrl", message }] });

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
  const canonical = `${url.origin}${path}`;
  const host = url.hostname.toLowerCase();
  if (AZURE_KUSTO_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length)) {
    if (path !== "") throw invalid("must be the cluster address without a path");
    return canonical;
  }
  if (extraOrigins.some((origin) => canonical === origin || canonical.startsWith(`${origin}/`))) return canonical;
  throw invalid(`host ${host} is not an Azure Data Explorer cluster (expected *.kusto.windows.net or another Kusto domain)`);
}
