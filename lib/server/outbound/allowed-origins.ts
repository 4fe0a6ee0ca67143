import "server-only";
// Which hosts the portal may send credentials to, per service. User input (an organization name,
// a cluster URL) only ever fills a path or picks among these; it never chooses a new host.
import { settings } from "@/lib/server/settings";

export type OutboundService = "entra" | "ado" | "kusto" | "graph" | "arm" | "managed_identity";

const AZURE_KUSTO_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.(kusto\.windows\.net|kustomfa\.windows\.net|kusto\.fabric\.microsoft\.com|kusto\.azuresynapse\.net|kusto\.usgovcloudapi\.net|kusto\.chinacloudapi\.cn)$/;

export function isAllowedOutboundUrl(service: OutboundService, url: URL): boolean {
  const config = settings();
  const within = (base: string) => url.href === base || url.href.startsWith(`${base}/`);
  if (url.protocol !== "https:" && service !== "managed_identity") return false;
  switch (service) {
    case "entra":
      return within(config.authorityHost);
    case "ado":
      return within(config.adoBaseUrl);
    case "graph":
      return within(config.graphBaseUrl);
    case "arm":
      return within(config.armBaseUrl);
    case "kusto":
      return (AZURE_KUSTO_HOST.test(url.hostname) && url.port === "") || config.kustoExtraOrigins.some(within);
    case "managed_identity":
      // The managed identity endpoint is local to the host (IMDS or App Service's loopback endpoint).
      return ["169.254.169.254", "localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  }
}
