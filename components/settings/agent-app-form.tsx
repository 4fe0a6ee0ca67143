"use client";
// The agent app form, loaded when an administrator chooses to set or edit the agent app (not with
// /settings): react-hook-form, and the checks (zod and the handler's schema) with the first check.
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { placeFieldProblems } from "@/components/ui/form";
import { FormTextField } from "@/components/ui/form-text-field";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/client/api/client";
import { settingsApi } from "@/lib/client/api/settings";
import type { AgentAppDto, PutAgentAppInput } from "@/lib/schemas/agent-app";
import { resolverLoadedOnUse } from "@/components/ui/resolver-loaded-on-use";
import { agentAppLabels, type AgentAppFields } from "./agent-app-labels";

const fieldNames = Object.keys(agentAppLabels) as (keyof AgentAppFields)[];

export default function AgentAppForm({
  saved,
  environmentAppClientId,
  onSaved,
  onCancel,
}: {
  saved: AgentAppDto | null;
  environmentAppClientId: string | null;
  onSaved: (row: AgentAppDto) => void;
  onCancel: () => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<AgentAppFields, unknown, PutAgentAppInput>({
    resolver: resolverLoadedOnUse(() => import("./agent-app-form-schema").then((module) => module.agentAppResolver(saved?.version ?? 0))),
    defaultValues: {
      appClientId: saved?.appClientId ?? environmentAppClientId ?? "",
      agentTenantId: saved?.agentTenantId ?? "",
      miClientId: saved?.miClientId ?? "",
      miPrincipalId: saved?.miPrincipalId ?? "",
    },
  });
  const { errors, isSubmitting, isReady } = form.formState;
  // Opened by a click on Set or Edit: the operator goes on typing in the first field.
  useEffect(() => form.setFocus("appClientId"), [form]);

  async function save(body: PutAgentAppInput) {
    setProblem(null);
    try {
      onSaved(await settingsApi.putAgentApp(body));
    } catch (caught) {
      const failure = ApiError.from(caught);
      placeFieldProblems(failure, form.setError, fieldNames);
      setProblem(failure.status === 409 ? "Someone else changed the agent app since you loaded this page: reload to see it." : [failure.message, failure.hint].filter(Boolean).join(" "));
    }
  }

  return (
    <form onSubmit={form.handleSubmit(save)} className="space-y-4" noValidate autoComplete="off">
      <div className="grid gap-4 sm:grid-cols-2">
        {fieldNames.map((field) => (
          <FormTextField
            key={field}
            control={form.control}
            name={field}
            label={agentAppLabels[field].label}
            hint={agentAppLabels[field].hint}
            error={errors[field]?.message ? `${agentAppLabels[field].label} ${errors[field].message}.` : null}
          />
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isSubmitting || !isReady}>
          {isSubmitting ? "Saving…" : "Save agent app"}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <p aria-live="polite" className="text-sm text-red-800">
          {problem}
        </p>
      </div>
    </form>
  );
}
