"use client";
// Settings → Agent app: the multi-tenant app whose federated credential trusts the agent's managed
// identity, set once by an administrator so every MI + FIC assistant starts with it (the portal's
// own app registration, shown under Agent identity, is a different app and the wrong choice here).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ApiError } from "@/lib/client/api/client";
import { settingsApi } from "@/lib/client/api/settings";
import type { AgentAppDto } from "@/lib/schemas/agent-app";

type Fields = { appClientId: string; agentTenantId: string; miClientId: string; miPrincipalId: string };
type Status = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "error"; message: string; fields: Partial<Record<keyof Fields, string>> };

const labels: Record<keyof Fields, { label: string; hint: string }> = {
  appClientId: { label: "Agent app client id", hint: "The multi-tenant app registration in the agent's tenant that holds the federated credential: Application (client) ID." },
  agentTenantId: { label: "Agent tenant id (optional)", hint: "Leave empty to use TB_AGENT_TENANT_ID." },
  miClientId: { label: "Managed identity client id (optional)", hint: "Leave empty to use TB_AGENT_MI_CLIENT_ID." },
  miPrincipalId: { label: "Managed identity principal id (optional)", hint: "The identity's Object (principal) ID, the credential's subject. Leave empty to use TB_AGENT_MI_PRINCIPAL_ID." },
};

export function AgentAppPanel({ agentApp, environmentAppClientId, canEdit }: { agentApp: AgentAppDto | null; environmentAppClientId: string | null; canEdit: boolean }) {
  const router = useRouter();
  const [saved, setSaved] = useState(agentApp);
  const [fields, setFields] = useState<Fields>({
    appClientId: agentApp?.appClientId ?? environmentAppClientId ?? "",
    agentTenantId: agentApp?.agentTenantId ?? "",
    miClientId: agentApp?.miClientId ?? "",
    miPrincipalId: agentApp?.miPrincipalId ?? "",
  });
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function save() {
    setStatus({ kind: "saving" });
    const optional = (value: string) => (value.trim() ? value.trim() : null);
    try {
      setSaved(
        await settingsApi.putAgentApp({
          appClientId: fields.appClientId.trim(),
          agentTenantId: optional(fields.agentTenantId),
          miClientId: optional(fields.miClientId),
          miPrincipalId: optional(fields.miPrincipalId),
          version: saved?.version ?? 0,
        }),
      );
    } catch (caught) {
      const problem = ApiError.from(caught);
      const byField = Object.fromEntries(problem.fields.filter((f) => f.field in labels).map((f) => [f.field, `${labels[f.field as keyof Fields].label} ${f.message}.`]));
      const message = problem.status === 409 ? "Someone else changed the agent app since you loaded this page: reload to see it." : [problem.message, problem.hint].filter(Boolean).join(" ");
      return setStatus({ kind: "error", message, fields: byField });
    }
    setStatus({ kind: "saved" });
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
        <div className="grid gap-4 sm:grid-cols-2">
          {(Object.keys(labels) as (keyof Fields)[]).map((field) => (
            <TextField
              key={field}
              name={field}
              label={labels[field].label}
              hint={labels[field].hint}
              value={fields[field]}
              readOnly={!canEdit}
              error={status.kind === "error" ? (status.fields[field] ?? null) : null}
              onChange={(value) => {
                setFields((current) => ({ ...current, [field]: value }));
                setStatus({ kind: "idle" });
              }}
            />
          ))}
        </div>
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={() => void save()} disabled={status.kind === "saving"}>
              {status.kind === "saving" ? "Saving…" : "Save agent app"}
            </Button>
            <p aria-live="polite" className="text-sm">
              {status.kind === "saved" ? <span className="font-medium text-emerald-800">Saved. New assistants start with this app.</span> : null}
              {status.kind === "error" ? <span className="text-red-800">{status.message}</span> : null}
            </p>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
