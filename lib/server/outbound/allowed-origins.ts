import "server-only";
// Which hosts the portal may send credentials to, per service. User input (an organization name,
// a cluster URL) only ever fills a path or picks among these; it never chooses a new host.
import { isAllowedKustoUrl } from "@/lib/schemas/kusto-cluster-url";
import { settings } from "@/lib/server/settings";

export type OutboundService = "entra" | "ado" | "kusto" | "graph" | "arm" | "managed_identity";

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
      return isAllowedKustoUrl(url, config.kustoExtraOrigins);
    case "managed_identity":
      // The managed identity endpoint is local to the host (IMDS or App Service's loopback endpoint).
      return ["169.254.169.254", "localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  }
}
