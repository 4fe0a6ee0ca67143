import type { ConnectorDto } from "@/lib/schemas/connector";
import { daysUntil, formatDate } from "@/components/ui/time";

export type CredentialSummary = { primary: string; secondary?: string; attention?: "warning" | "danger" };

/** PATs this close to expiry are flagged so someone renews them before the agent loses access. */
export const patExpiryWarningDays = 14;

/**
 * One line about the credential a connector uses. Built only from the DTO's non-secret fields:
 * the account name, the PAT's last four characters and dates, never a token.
 */
export function summarizeCredential(connector: ConnectorDto, now: Date): CredentialSummary {
  switch (connector.authMethod) {
    case "oauth":
      return connector.oauth.configured
        ? { primary: `OAuth as ${connector.oauth.account ?? "an unknown account"}`, secondary: "Refreshed automatically" }
        : { primary: "Not signed in yet", secondary: "Sign in to Azure DevOps to validate", attention: "warning" };
    case "pat": {
      if (!connector.pat.configured) return { primary: "No token saved", attention: "warning" };
      const masked = `PAT ••••${connector.pat.last4 ?? ""}`;
      if (!connector.pat.expiresAt) return { primary: masked, secondary: "Expiry unknown" };
      const days = daysUntil(connector.pat.expiresAt, now);
      if (days < 0) return { primary: masked, secondary: `Expired ${formatDate(connector.pat.expiresAt)}`, attention: "danger" };
      const when = days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
      return {
        primary: masked,
        secondary: `Expires ${when} (${formatDate(connector.pat.expiresAt)})`,
        attention: days <= patExpiryWarningDays ? "warning" : undefined,
      };
    }
    case "mi_fic":
      return { primary: "No secret (federated)" };
    case "managed_identity":
      return { primary: "No secret (managed identity)" };
  }
}
