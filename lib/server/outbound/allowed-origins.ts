import "server-only";
// Which hosts the portal may send credentials to, per service. User input (an organization name,
// a cluster URL) only ever fills a path or picks among these; it never chooses a new host.
import { isAllowedKustoUrl } from "@/lib/schemas/kusto-cluster-url";
import { sandboxAdminOrigin } from "@/lib/server/sandbox/sandbox-admin-origin";
import { settings } from "@/lib/server/settings";

export type OutboundService = "entra" | "ado" | "kusto" | "graph" | "arm" | "storage" | "keyvault" | "managed_identity" | "sandbox";

/** The one URL a storage account or key vault name fills in: the name never reaches the host part unchecked. */
const NAME_PATTERNS = { storage: /^[a-z0-9]{3,24}$/, keyvault: /^[a-z][a-z0-9-]{1,22}[a-z0-9]$/ } as const;

export function resourceEndpoint(service: "storage" | "keyvault", name: string): string {
  if (!NAME_PATTERNS[service].test(name)) throw new Error(`'${name}' is not a valid ${service === "storage" ? "storage account" : "key vault"} name`);
  const config = settings();
  return service === "storage" ? config.storageBlobUrl.replace("{account}", name) : config.keyVaultUrl.replace("{vault}", name);
}

/** Whether the URL is under the template's endpoint for some valid name. */
function withinTemplate(template: string, placeholder: string, pattern: RegExp, url: URL): boolean {
  const [before, after] = template.split(placeholder) as [string, string];
  const href = url.href;
  if (!href.startsWith(before)) return false;
  const rest = href.slice(before.length);
  const name = after ? rest.slice(0, Math.max(0, rest.indexOf(after))) : rest.split(/[/?#]/)[0]!;
  if (!pattern.test(name)) return false;
  const tail = rest.slice(name.length + after.length);
  return tail === "" || /^[/?]/.test(tail);
}

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
    case "storage":
      return withinTemplate(config.storageBlobUrl, "{account}", NAME_PATTERNS.storage, url);
    case "keyvault":
      return withinTemplate(config.keyVaultUrl, "{vault}", NAME_PATTERNS.keyvault, url);
    case "kusto":
      return isAllowedKustoUrl(url, config.kustoExtraOrigins);
    case "managed_identity":
      // The managed identity endpoint is local to the host (IMDS or App Service's loopback endpoint).
      return ["169.254.169.254", "localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    case "sandbox": {
      // The sandbox cloud's admin API, for demo-only actions: only when those are allowed at all.
      const origin = sandboxAdminOrigin(config);
      return origin !== null && url.href.startsWith(`${origin}/_sandbox/`);
    }
  }
}
