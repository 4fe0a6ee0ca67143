// How a connector's target is written for people: the organization's address as the operator
// typed it (scheme dropped, path kept: a sovereign cloud or the sandbox serve ADO below a path),
// and a Kusto cluster by its own name rather than the host it shares with others.
import { isAzureKustoHostname } from "./kusto-cluster-url";

/** `dev.azure.com` for https://dev.azure.com, `localhost:8443/ado` for https://localhost:8443/ado/. */
export function adoAddressBase(adoBaseUrl: string): string {
  return adoBaseUrl.replace(/^https?:\/\//, "").replace(/\/+$/, "");
}

/**
 * The cluster's own name: the first label of an Azure Kusto host (`help` for
 * help.westeurope.kusto.windows.net), otherwise the last path segment of a cluster served below a
 * path (`litware` for https://localhost:8443/kusto/litware), otherwise the host.
 */
export function kustoClusterName(clusterUrl: string): string {
  let url: URL;
  try {
    url = new URL(clusterUrl);
  } catch {
    return clusterUrl;
  }
  if (isAzureKustoHostname(url.hostname)) return url.hostname.split(".")[0] ?? url.hostname;
  const segments = url.pathname.split("/").filter(Boolean);
  return segments.at(-1) ?? url.host;
}

/** The cluster's address without the scheme, path included. */
export function kustoAddress(clusterUrl: string): string {
  return clusterUrl.replace(/^https?:\/\//, "").replace(/\/+$/, "");
}
