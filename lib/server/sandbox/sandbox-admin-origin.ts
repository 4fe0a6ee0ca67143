import "server-only";
// Demo-only actions call the sandbox cloud's admin API. They exist only when the portal is told it
// runs against the sandbox (TB_SANDBOX=1) and its Azure DevOps and Entra ID endpoints are not
// Azure's: against real Azure nobody but the target tenant's administrator may grant access.
import type { Settings } from "@/lib/server/settings";

const AZURE_HOSTS = new Set(["dev.azure.com", "login.microsoftonline.com"]);

/** The sandbox's origin when demo-only actions are allowed, else null. */
export function sandboxAdminOrigin(config: Pick<Settings, "sandbox" | "adoBaseUrl" | "authorityHost">): string | null {
  if (!config.sandbox) return null;
  const ado = new URL(config.adoBaseUrl);
  const authority = new URL(config.authorityHost);
  if (AZURE_HOSTS.has(ado.hostname) || AZURE_HOSTS.has(authority.hostname)) return null;
  if (ado.hostname.endsWith(".visualstudio.com") || ado.hostname.endsWith(".microsoftonline.com")) return null;
  return ado.origin;
}
