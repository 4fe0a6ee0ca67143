"use client";
// The connector's method panel (MI + FIC assistant, OAuth or PAT) and the way to another method.
// "Switch to managed identity" opens the assistant prefilled from the agent settings and the
// tenant the OAuth sign-in learned; saving it switches the method.
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { KnownTrust } from "@/lib/schemas/fic-trust";
import type { FieldSources } from "@/components/connectors/mi-fic/mi-fic-fields";
import type { GraphPopupConfig } from "@/components/connectors/mi-fic/use-graph-token";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ShieldCheck as ShieldIcon } from "lucide-react";
import { problemOf } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import { CopyableText } from "@/components/ui/copyable-text";
import { authMethodLabels } from "@/lib/schemas/auth-method-labels";
import type { AuthMethod, ConnectorDto } from "@/lib/schemas/connector";
import type { FicArtifactsDto, FicFormValues } from "@/lib/schemas/fic";
import { ScriptButton } from "@/components/ui/script-button";

// Each method's panel is its own chunk: a page downloads the panel it shows (rendered on the server
// as usual), and another one only when the operator switches to it.
function PanelLoading() {
  return (
    <Card aria-busy="true">
      <CardBody>
        <p className="text-sm text-slate-600">Loading…</p>
      </CardBody>
    </Card>
  );
}
const MiFicAssistant = dynamic(() => import("@/components/connectors/mi-fic/mi-fic-assistant").then((module) => module.MiFicAssistant), { loading: PanelLoading });
const OauthConnectPanel = dynamic(() => import("@/components/connectors/oauth/oauth-connect-panel").then((module) => module.OauthConnectPanel), { loading: PanelLoading });
const PatPanel = dynamic(() => import("@/components/connectors/pat/pat-panel").then((module) => module.PatPanel), { loading: PanelLoading });

export type AssistantSetup = { initialValues: FicFormValues; initialArtifacts: FicArtifactsDto | null; sources: FieldSources; graph: GraphPopupConfig | null; knownTrusts: KnownTrust[] };

function SameTenantPanel({ connector }: { connector: ConnectorDto }) {
  return (
    <Card>
      <CardHeader
        title="Managed identity (same tenant)"
        description="The agent's identity and the target are in the same tenant: the identity gets the access itself, no app and no federated credential."
      />
      <CardBody>
        <dl className="grid gap-2 text-sm sm:grid-cols-[14rem_1fr]">
          <dt className="font-medium text-slate-900">Managed identity client id</dt>
          <dd className="font-mono text-[13px] text-slate-800">{connector.miClientId ?? "Not set"}</dd>
          <dt className="font-medium text-slate-900">Principal (object) id</dt>
          <dd className="text-[13px] text-slate-800">{connector.miPrincipalId ? <CopyableText value={connector.miPrincipalId} label="principal (object) id" /> : "Not set"}</dd>
        </dl>
      </CardBody>
    </Card>
  );
}

export function MethodSection({ connector, canEdit, assistant }: { connector: ConnectorDto; canEdit: boolean; assistant: AssistantSetup }) {
  const router = useRouter();
  const [switching, setSwitching] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Methods reachable without the assistant: a PATCH, then the method's own panel asks for its credential.
  const others: AuthMethod[] =
    connector.kind === "ado"
      ? (["oauth", "pat"] as AuthMethod[]).filter((method) => method !== connector.authMethod)
      : (["managed_identity"] as AuthMethod[]).filter((method) => method !== connector.authMethod);

  async function switchTo(method: AuthMethod) {
    setBusy(true);
    setProblem(null);
    const failure = await problemOf(connectorsApi.update(connector.id, { version: connector.version, authMethod: method }));
    setBusy(false);
    if (failure?.status === 409) return setProblem("This connector was changed by someone else — reload to see the change.");
    if (failure) return setProblem(failure.message);
    router.refresh();
  }

  const panel =
    connector.authMethod === "mi_fic" ? (
      <MiFicAssistant connector={connector} canEdit={canEdit} switching={false} {...assistant} />
    ) : switching ? (
      <MiFicAssistant connector={connector} canEdit={canEdit} switching onCancel={() => setSwitching(false)} {...assistant} />
    ) : connector.authMethod === "oauth" ? (
      <OauthConnectPanel connector={connector} canEdit={canEdit} />
    ) : connector.authMethod === "pat" ? (
      <PatPanel connector={connector} canEdit={canEdit} />
    ) : (
      <SameTenantPanel connector={connector} />
    );

  return (
    <div className="space-y-3">
      {canEdit && connector.authMethod !== "mi_fic" && !switching ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-indigo-50/70 px-4 py-3 ring-1 ring-indigo-100">
          <p className="text-sm text-indigo-950">
            <strong className="font-semibold">Ready for production?</strong> Managed identity + federated credential needs no secret and no user
            {connector.oauth.tenantId ? "; the target tenant is known from the OAuth sign-in." : "."}
          </p>
          <Button size="sm" icon={<ShieldIcon size={16} />} onClick={() => setSwitching(true)}>
            Switch to managed identity
          </Button>
        </div>
      ) : null}
      {panel}
      {canEdit && others.length > 0 && !switching ? (
        <div className="flex flex-wrap items-center gap-2 px-1 text-sm text-slate-600">
          <span>Use another method:</span>
          {others.map((method) => (
            <Button key={method} variant="ghost" size="sm" disabled={busy} onClick={() => void switchTo(method)}>
              {authMethodLabels[method]}
            </Button>
          ))}
          {problem ? (
            <span role="alert" className="text-red-800">
              {problem}{" "}
              <ScriptButton type="button" className="font-medium underline" onClick={() => window.location.reload()}>
                Reload
              </ScriptButton>
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
