// "Connected as … from tenant …": who the connector signs in as, from its non-secret fields.
import type { ConnectorDto } from "@/lib/schemas/connector";

export function connectedAs(connector: ConnectorDto): string {
  switch (connector.authMethod) {
    case "oauth":
      return `Connected as ${connector.oauth.account ?? "an unknown account"} from tenant ${connector.oauth.tenantId ?? "unknown"}`;
    case "pat":
      return `Connected with a personal access token ••••${connector.pat.last4 ?? ""}, as the user who created it`;
    case "mi_fic":
      return `Connected as the app ${connector.appClientId ?? "?"} from tenant ${connector.targetTenantId ?? "?"}, through the agent's managed identity ${connector.miClientId ?? "?"}`;
    case "managed_identity":
      return `Connected as the agent's managed identity ${connector.miClientId ?? "?"} (same tenant)`;
  }
}
