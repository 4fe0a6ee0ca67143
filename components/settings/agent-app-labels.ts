// The agent app's fields as the form and the summary on /settings name them.
export type AgentAppFields = { appClientId: string; agentTenantId: string; miClientId: string; miPrincipalId: string };

export const agentAppLabels: Record<keyof AgentAppFields, { label: string; hint: string }> = {
  appClientId: { label: "Agent app client id", hint: "The multi-tenant app registration in the agent's tenant that holds the federated credential: Application (client) ID." },
  agentTenantId: { label: "Agent tenant id (optional)", hint: "Leave empty to use TB_AGENT_TENANT_ID." },
  miClientId: { label: "Managed identity client id (optional)", hint: "Leave empty to use TB_AGENT_MI_CLIENT_ID." },
  miPrincipalId: { label: "Managed identity principal id (optional)", hint: "The identity's Object (principal) ID, the credential's subject. Leave empty to use TB_AGENT_MI_PRINCIPAL_ID." },
};
