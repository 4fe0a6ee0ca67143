import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOperator } from "@/lib/server/auth/require-operator";
import { can } from "@/lib/server/auth/permissions";
import { loadSettingsPage } from "@/lib/server/settings/load-settings-page";
import { AgentAppPanel } from "@/components/settings/agent-app-panel";
import { db } from "@/lib/server/db/client";
import { getAgentApp } from "@/lib/server/settings/agent-app-setting";

export const metadata: Metadata = { title: "Settings" };

function Row({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 px-5 py-3.5 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-900">
        {label}
        {hint ? <div className="font-mono text-xs font-normal text-slate-600">{hint}</div> : null}
      </dt>
      <dd className="text-sm text-slate-700 sm:col-span-2">{children}</dd>
    </div>
  );
}

function Value({ value }: { value: string | undefined }) {
  return value ? <code className="font-mono text-[13px] break-all text-slate-800">{value}</code> : <span className="text-slate-500">Not set</span>;
}

export default async function SettingsPage() {
  const access = await requireOperator("settings.read");
  const config = loadSettingsPage(access);
  const { database } = config;
  const agentApp = await getAgentApp(db(), access);
  return (
    <>
      <PageHeader title="Settings" description="How this portal is configured. Values come from its environment when it starts; change them there and restart. Secrets are never shown." />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Cloud endpoints"
            description="Where the portal and the agent sign in and which services they call."
            actions={config.sandbox ? <Badge tone="warning">Sandbox cloud</Badge> : null}
          />
          <dl className="divide-y divide-slate-200">
            <Row label="Entra ID authority" hint="AZURE_AUTHORITY_HOST">
              <Value value={config.authorityHost} />
            </Row>
            <Row label="Azure DevOps" hint="TB_ADO_BASE_URL">
              <Value value={config.adoBaseUrl} />
            </Row>
            <Row label="Microsoft Graph" hint="TB_GRAPH_BASE_URL">
              <Value value={config.graphBaseUrl} />
            </Row>
            <Row label="Azure Resource Manager" hint="TB_ARM_BASE_URL">
              <Value value={config.armBaseUrl} />
            </Row>
          </dl>
        </Card>
        <Card>
          <CardHeader
            title="Agent identity"
            description="The tenant and user-assigned managed identity the agent runs as; the federated credential assistant prefills these."
            actions={
              can(access.operator, "access.manage") ? (
                <ButtonLink href="/settings/agent-access" variant="secondary" size="sm">
                  Agent access and API tokens
                </ButtonLink>
              ) : null
            }
          />
          <dl className="divide-y divide-slate-200">
            <Row label="Agent tenant id" hint="TB_AGENT_TENANT_ID">
              <Value value={config.agent.tenantId} />
            </Row>
            <Row label="Managed identity client id" hint="TB_AGENT_MI_CLIENT_ID">
              <Value value={config.agent.miClientId} />
            </Row>
            <Row label="Managed identity principal id" hint="TB_AGENT_MI_PRINCIPAL_ID">
              <Value value={config.agent.miPrincipalId} />
            </Row>
            <Row label="Portal app client id" hint="TB_PORTAL_CLIENT_ID">
              <Value value={config.portalClientId} />
            </Row>
          </dl>
        </Card>
        <AgentAppPanel agentApp={agentApp} environmentAppClientId={config.agent.appClientId ?? null} canEdit={can(access.operator, "access.manage")} />
        <Card>
          <CardHeader title="Storage" description="Where connectors are kept and how their secrets are protected at rest." />
          <dl className="divide-y divide-slate-200">
            <Row label="Database">
              {database.engine}
              <div className="mt-0.5">
                <Value value={database.location} />
              </div>
            </Row>
            <Row label="Encryption keys" hint="TB_ENCRYPTION_KEYS">
              {config.encryptionKeysFromEnvironment ? "Key ring provided by the environment" : "Local key generated in the data folder (demo only)"}
            </Row>
            <Row label="Data folder" hint="TB_DATA_DIR">
              <Value value={config.dataDir} />
            </Row>
          </dl>
        </Card>
      </div>
    </>
  );
}
