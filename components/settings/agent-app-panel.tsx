"use client";
// Settings → Agent app: the multi-tenant app whose federated credential trusts the agent's managed
// identity, set once by an administrator so every MI + FIC assistant starts with it (the portal's
// own app registration, shown under Agent identity, is a different app and the wrong choice here).
// The page shows what is set; the form (react-hook-form, its checks) loads when an administrator
// chooses to set or edit it, not with /settings.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { AgentAppDto } from "@/lib/schemas/agent-app";
import type AgentAppForm from "./agent-app-form";
import { agentAppLabels, type AgentAppFields } from "./agent-app-labels";

const fieldNames = Object.keys(agentAppLabels) as (keyof AgentAppFields)[];

export function AgentAppPanel({ agentApp, environmentAppClientId, canEdit }: { agentApp: AgentAppDto | null; environmentAppClientId: string | null; canEdit: boolean }) {
  const router = useRouter();
  const [saved, setSaved] = useState(agentApp);
  const [Form, setForm] = useState<typeof AgentAppForm | null>(null);
  const [editing, setEditing] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Focus goes back to Set / Edit when the form closes (saved or cancelled).
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  // Shown once the portal stored the app, until the next edit.
  const [justSaved, setJustSaved] = useState(false);

  function edit() {
    setJustSaved(false);
    setLoadFailed(false);
    if (Form) return setEditing(true);
    import("./agent-app-form").then(
      (module) => {
        setForm(() => module.default);
        setEditing(true);
      },
      () => setLoadFailed(true),
    );
  }

  return (
    <Card>
      <CardHeader
        title="Agent app"
        description="The multi-tenant app the agent's managed identity signs in as, through the app's federated credential. Set it once: every managed identity + federated credential assistant starts with it."
        actions={
          canEdit && !editing ? (
            <Button ref={editButton} variant="secondary" size="sm" onClick={edit}>
              {saved ? "Edit agent app" : "Set agent app"}
            </Button>
          ) : null
        }
      />
      <CardBody>
        <p className="text-sm text-slate-700" data-testid="agent-app-state">
          {saved
            ? `Set by ${saved.updatedBy}.`
            : environmentAppClientId
              ? `Not set here: the assistant uses TB_AGENT_APP_CLIENT_ID (${environmentAppClientId}).`
              : "Not set: the assistant falls back to the app that saved connectors use, if any."}
        </p>
        {editing && Form ? (
          <div className="mt-4">
            <Form
              saved={saved}
              environmentAppClientId={environmentAppClientId}
              onCancel={() => setEditing(false)}
              onSaved={(row) => {
                setSaved(row);
                setEditing(false);
                setJustSaved(true);
                router.refresh();
              }}
            />
          </div>
        ) : saved ? (
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
            {fieldNames.map((field) => (
              <div key={field}>
                <dt className="text-sm font-medium text-slate-900">{agentAppLabels[field].label}</dt>
                <dd className="mt-0.5 font-mono text-[13px] break-all text-slate-800">{saved[field] ?? <span className="font-sans text-slate-500">From the environment</span>}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {/* Always there, so what it says is announced; it takes room only then. */}
        <p aria-live="polite" className="text-sm not-empty:mt-3">
          {justSaved ? <span className="font-medium text-emerald-800">Saved. New assistants start with this app.</span> : null}
          {loadFailed ? <span className="text-red-800">The form could not be loaded (the portal did not answer). Press the button again.</span> : null}
        </p>
      </CardBody>
    </Card>
  );
}
