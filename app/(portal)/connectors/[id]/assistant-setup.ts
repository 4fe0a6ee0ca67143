import "server-only";
// What the MI + FIC assistant starts with: the connector's saved values, else the agent app set in
// Settings, the environment's agent settings, the app saved connectors use, and the target tenant
// the portal learned; and the artifacts for them, so the page shows them on first paint.
import type { AssistantSetup } from "@/components/connectors/detail/method-section";
import type { ConnectorDto } from "@/lib/schemas/connector";
import { defaultFicName, ficInputsFromForm, type FicFormValues } from "@/lib/schemas/fic";
import { ficArtifacts } from "@/lib/server/fic/fic-artifacts";
import { ficTargetOf } from "@/lib/server/fic/fic-target-of";
import type { Settings } from "@/lib/server/settings";
import { MSAL_REDIRECT_PATH } from "@/lib/schemas/auth";
import { matchingTrust } from "@/lib/schemas/fic-trust";
import type { AssistantPrefill } from "@/lib/server/fic/assistant-prefill";

/** Delegated Graph permission to write an app's federated credentials (same resource URI in the sandbox). */
export const GRAPH_FIC_SCOPE = "https://graph.microsoft.com/Application.ReadWrite.All";

export function assistantSetup(connector: ConnectorDto, config: Settings, prefill: AssistantPrefill): AssistantSetup {
  const sources: AssistantSetup["sources"] = {};
  /** The first value found, and where it came from (the connector's own saved value needs no note). */
  const pick = (field: keyof typeof sources, saved: string | null, ...candidates: [string | null | undefined, string][]) => {
    if (saved) return saved;
    for (const [value, source] of candidates) {
      if (value) {
        sources[field] = source;
        return value;
      }
    }
    return "";
  };
  const { agentApp, savedApp } = prefill;
  const fromSettings = "Set in Settings → Agent app.";
  const fromEnvironment = "From the agent settings.";
  const fromSaved = savedApp ? `Used by ${savedApp.connectors.length === 1 ? `connector ${savedApp.connectors[0]}` : `${savedApp.connectors.length} saved connectors`}.` : "";
  const initialValues: FicFormValues = {
    identityKind: "user_assigned",
    agentTenantId: pick("agentTenantId", connector.agentTenantId, [agentApp?.agentTenantId, fromSettings], [config.agent.tenantId, fromEnvironment], [savedApp?.agentTenantId, fromSaved]),
    miClientId: pick("miClientId", connector.miClientId, [agentApp?.miClientId, fromSettings], [config.agent.miClientId, fromEnvironment], [savedApp?.miClientId, fromSaved]),
    miPrincipalId: pick("miPrincipalId", connector.miPrincipalId, [agentApp?.miPrincipalId, fromSettings], [config.agent.miPrincipalId, fromEnvironment], [savedApp?.miPrincipalId, fromSaved]),
    appClientId: pick("appClientId", connector.appClientId, [agentApp?.appClientId, fromSettings], [config.agent.appClientId, "From TB_AGENT_APP_CLIENT_ID."], [savedApp?.appClientId, fromSaved]),
    targetTenantId: pick("targetTenantId", connector.targetTenantId, [prefill.targetTenant?.tenantId, prefill.targetTenant?.source ?? ""]),
    ficName: defaultFicName({ organization: connector.organization, database: connector.database }),
  };
  // One credential per issuer and subject on an app: a second connector reuses the first's name.
  const trust = matchingTrust(prefill.knownTrusts, initialValues);
  if (trust?.name) initialValues.ficName = trust.name;
  const inputs = ficInputsFromForm(initialValues);
  const { clientId, tenantId } = config.portal;
  return {
    initialValues,
    initialArtifacts: inputs ? ficArtifacts(config, inputs, ficTargetOf(connector)) : null,
    sources,
    knownTrusts: prefill.knownTrusts,
    // Creating the FIC through Graph needs the portal's app registration for the popup.
    graph:
      clientId && tenantId
        ? {
            clientId,
            authority: `${config.authorityHost}/${tenantId}`,
            knownAuthority: new URL(config.authorityHost).host,
            popupTimeoutMs: config.popupTimeoutMs,
            scope: GRAPH_FIC_SCOPE,
            redirectUri: `${config.publicOrigin}${MSAL_REDIRECT_PATH}`,
          }
        : null,
  };
}
