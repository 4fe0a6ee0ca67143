// The one rule for which Kusto cluster URLs the portal may send a token to. The create form, the
// request schema, the stored-URL normalizer (lib/server/kusto/cluster-url.ts) and the outbound
// allow-list (lib/server/outbound/allowed-origins.ts) all use it, so a URL the form accepts is a
// URL the allow-list lets through. Pure: no settings; extra origins (the sandbox) are passed in.

// https://learn.microsoft.com/azure/data-explorer/kusto/api/connection-strings/kusto — public,
// sovereign clouds and Fabric/Synapse endpoints.
export const AZURE_KUSTO_SUFFIXES = [
  ".kusto.windows.net",
  ".kustomfa.windows.net",
  ".kusto.fabric.microsoft.com",
  ".kusto.azuresynapse.net",
  ".kusto.usgovcloudapi.net",
  ".kusto.chinacloudapi.cn",
] as const;

const LABEL = /^[a-z0-9-]+$/;

/** A host name under one of Azure's Kusto domains, with at least one label of its own. */
export function isAzureKustoHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return AZURE_KUSTO_SUFFIXES.some((suffix) => {
    if (!host.endsWith(suffix) || host.length === suffix.length) return false;
    return host
      .slice(0, -suffix.length)
      .split(".")
      .every((label) => LABEL.test(label));
  });
}

/** True when `url` is inside `origin` (an exact match or below it on a path boundary). */
export function isWithinOrigin(url: URL, origin: string): boolean {
  return url.href === origin || url.href.startsWith(`${origin}/`);
}

/** The allow-list's Kusto rule: an Azure cluster on 443, or a URL inside a configured extra origin. */
export function isAllowedKustoUrl(url: URL, extraOrigins: readonly string[]): boolean {
  if (url.protocol !== "https:") return false;
  if (isAzureKustoHostname(url.hostname) && url.port === "") return true;
  return extraOrigins.some((origin) => isWithinOrigin(url, origin));
}

/** Azure's clusters answer on 443 only: a port is a typo or an attempt to reach another service on that host. */
export const KUSTO_PORT_PROBLEM = "must not include a port: Azure Data Explorer clusters answer on 443 only";

/**
 * What the request schema can tell without the server's settings: an Azure Kusto host with a port
 * is refused (the allow-list would refuse every call to it). Other hosts are decided by the server
 * against TB_KUSTO_EXTRA_ORIGINS with isAllowedKustoUrl.
 */
export function clusterUrlInputProblem(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null; // the schema's own URL check names this one
  }
  if (url.protocol !== "https:") return "must use https://";
  if (isAzureKustoHostname(url.hostname) && url.port !== "") return KUSTO_PORT_PROBLEM;
  return null;
}
