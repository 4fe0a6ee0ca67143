import "server-only";
// What the MI + FIC assistant starts with: the connector's saved values, else the portal's own
// agent settings and the tenant the OAuth sign-in learned; and the artifacts for them, so the
// page shows them on first paint.
import type { AssistantSetup } from "@/components/connectors/detail/method-section";
import type { ConnectorDto } from "@/lib/schemas/connector";
import { defaultFicName, ficInputsFromForm, type FicFormValues } from "@/lib/schemas/fic";
import { ficArtifacts } from "@/lib/server/fic/fic-artifacts";
import { ficTargetOf } from "@/lib/server/fic/fic-target-of";
import type { Settings } from "@/lib/server/settings";
import { MSAL_REDIRECT_PATH } from "@/lib/schemas/auth";

/** Delegated Graph permission to write an app's federated credentials (same resource URI in the sandbox). */
export const GRAPH_FIC_SCOPE = "https://graph.microsoft.com/Application.ReadWrite.All";

export function assistantSetup(connector: ConnectorDto, config: Settings): AssistantSetup {
  const sources: AssistantSetup["sources"] = {};
  const pick = (saved: string | null, fallback: string | undefined | null, field: keyof typeof sources, source: string) => {
    if (saved) return saved;
    if (fallback) sources[field] = source;
    return fallback ?? "";
  };
  const initialValues: FicFormValues = {
    identityKind: "user_assigned",
    agentTenantId: pick(connector.agentTenantId, config.agent.tenantId, "agentTenantId", "From the agent settings."),
    miClientId: pick(connector.miClientId, config.agent.miClientId, "miClientId", "From the agent settings."),
    miPrincipalId: pick(connector.miPrincipalId, config.agent.miPrincipalId, "miPrincipalId", "From the agent settings."),
    appClientId: connector.appClientId ?? "",
    targetTenantId: pick(connector.targetTenantId, connector.oauth.tenantId, "targetTenantId", "Learned from the OAuth sign-in."),
    ficName: defaultFicName({ organization: connector.organization, database: connector.database }),
  };
  const inputs = ficInputsFromForm(initialValues);
  const { clientId, tenantId } = config.portal;
  return {
    initialValues,
    initialArtifacts: inputs ? ficArtifacts(config, inputs, ficTargetOf(connector)) : null,
    sources,
    // Creating the FIC through Graph needs the portal's app registration for the popup.
    graph:
      clientId && tenantId
        ? { clientId, authority: `${config.authorityHost}/${tenantId}`, knownAuthority: new URL(config.authorityHost).host, popupTimeoutMs: config.popupTimeoutMs, scope: GRAPH_FIC_SCOPE, redirectUri: `${config.publicOrigin}${MSAL_REDIRECT_PATH}` }
        : null,
  };
}
