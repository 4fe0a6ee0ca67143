import type { Metadata } from "next";
import { AgentIdentitiesPanel } from "@/components/agent-access/agent-identities-panel";
import { ApiTokensPanel } from "@/components/agent-access/api-tokens-panel";
import { PageHeader } from "@/components/ui/page-header";
import { listAgentIdentities } from "@/lib/server/agent/agent-identities";
import { listApiTokens } from "@/lib/server/agent/api-tokens";
import { requireOperator } from "@/lib/server/auth/require-operator";
import { db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";

export const metadata: Metadata = { title: "Agent access" };

export default async function AgentAccessPage() {
  const access = await requireOperator("access.manage");
  const [identities, tokens] = await Promise.all([listAgentIdentities(db(), access), listApiTokens(db(), access)]);
  const { agent, publicOrigin, apiAudiences } = settings();
  // Prefill the agent identity this portal is configured with, unless it is registered already.
  const known = identities.some((identity) => identity.tenantId === agent.tenantId && identity.principalId === agent.miPrincipalId);
  return (
    <>
      <PageHeader
        title="Agent access"
        description="Who besides a signed-in person may call this portal: the agent's workload identities, which get credentials for the organizations and databases assigned to them, and API tokens for automation. Every credential issued is in the audit log."
      />
      <div className="space-y-6">
        <AgentIdentitiesPanel identities={identities} prefill={known ? {} : { tenantId: agent.tenantId, principalId: agent.miPrincipalId }} audience={apiAudiences[0]} />
        <ApiTokensPanel tokens={tokens} portalOrigin={publicOrigin} />
      </div>
    </>
  );
}
