"use client";
// Settings → Agent app: the multi-tenant app whose federated credential trusts the agent's managed
// identity, set once by an administrator so every MI + FIC assistant starts with it (the portal's
// own app registration, shown under Agent identity, is a different app and the wrong choice here).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { placeFieldProblems } from "@/components/ui/form";
import { FormTextField } from "@/components/ui/form-text-field";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ApiError } from "@/lib/client/api/client";
import { settingsApi } from "@/lib/client/api/settings";
import type { AgentAppDto, PutAgentAppInput } from "@/lib/schemas/agent-app";
import { resolverLoadedOnUse } from "@/components/ui/resolver-loaded-on-use";
import type { AgentAppFields } from "./agent-app-form-schema";

type Fields = AgentAppFields;

const labels: Record<keyof Fields, { label: string; hint: string }> = {
  appClientId: { label: "Agent app client id", hint: "The multi-tenant app registration in the agent's tenant that holds the federated credential: Application (client) ID." },
  agentTenantId: { label: "Agent tenant id (optional)", hint: "Leave empty to use TB_AGENT_TENANT_ID." },
  miClientId: { label: "Managed identity client id (optional)", hint: "Leave empty to use TB_AGENT_MI_CLIENT_ID." },
  miPrincipalId: { label: "Managed identity principal id (optional)", hint: "The identity's Object (principal) ID, the credential's subject. Leave empty to use TB_AGENT_MI_PRINCIPAL_ID." },
};
const fieldNames = Object.keys(labels) as (keyof Fields)[];

export function AgentAppPanel({ agentApp, environmentAppClientId, canEdit }: { agentApp: AgentAppDto | null; environmentAppClientId: string | null; canEdit: boolean }) {
  const router = useRouter();
  const [saved, setSaved] = useState(agentApp);
  const [problem, setProblem] = useState<string | null>(null);
  // Shown once the portal stored the app, until the next edit.
  const [justSaved, setJustSaved] = useState(false);
  const form = useForm<Fields, unknown, PutAgentAppInput>({
    // The checks (zod and the handler's schema) load with the first check, not with the page.
    resolver: resolverLoadedOnUse(() => import("./agent-app-form-schema").then((module) => module.agentAppResolver(saved?.version ?? 0))),
    defaultValues: {
      appClientId: agentApp?.appClientId ?? environmentAppClientId ?? "",
      agentTenantId: agentApp?.agentTenantId ?? "",
      miClientId: agentApp?.miClientId ?? "",
      miPrincipalId: agentApp?.miPrincipalId ?? "",
    },
  });
  const { errors, isSubmitting, isReady } = form.formState;

  async function save(body: PutAgentAppInput) {
    setProblem(null);
    setJustSaved(false);
    try {
      const row = await settingsApi.putAgentApp(body);
      setSaved(row);
      form.reset({ appClientId: row.appClientId, agentTenantId: row.agentTenantId ?? "", miClientId: row.miClientId ?? "", miPrincipalId: row.miPrincipalId ?? "" });
      setJustSaved(true);
    } catch (caught) {
      const failure = ApiError.from(caught);
      placeFieldProblems(failure, form.setError, fieldNames);
      return setProblem(failure.status === 409 ? "Someone else changed the agent app since you loaded this page: reload to see it." : [failure.message, failure.hint].filter(Boolean).join(" "));
    }
    router.refresh();
  }

  return (
    <Card>
      <CardHeader
        title="Agent app"
        description="The multi-tenant app the agent's managed identity signs in as, through the app's federated credential. Set it once: every managed identity + federated credential assistant starts with it."
      />
      <CardBody className="space-y-4">
        <p className="text-sm text-slate-700" data-testid="agent-app-state">
          {saved
            ? `Set by ${saved.updatedBy}.`
            : environmentAppClientId
              ? "Not set here: the assistant uses TB_AGENT_APP_CLIENT_ID."
              : "Not set: the assistant falls back to the app that saved connectors use, if any."}
        </p>
        <form onSubmit={form.handleSubmit(save)} onChange={() => setJustSaved(false)} className="space-y-4" noValidate autoComplete="off">
          <div className="grid gap-4 sm:grid-cols-2">
            {fieldNames.map((field) => (
              <FormTextField
                key={field}
                control={form.control}
                name={field}
                label={labels[field].label}
                hint={labels[field].hint}
                readOnly={!canEdit}
                error={errors[field]?.message ? `${labels[field].label} ${errors[field].message}.` : null}
              />
            ))}
          </div>
          {canEdit ? (
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" disabled={isSubmitting || !isReady}>
                {isSubmitting ? "Saving…" : "Save agent app"}
              </Button>
              <p aria-live="polite" className="text-sm">
                {justSaved ? <span className="font-medium text-emerald-800">Saved. New assistants start with this app.</span> : null}
                {problem ? <span className="text-red-800">{problem}</span> : null}
              </p>
            </div>
          ) : null}
        </form>
      </CardBody>
    </Card>
  );
}
