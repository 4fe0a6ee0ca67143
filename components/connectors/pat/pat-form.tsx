"use client";
// Enter a PAT once. The field is a password input that the browser should not remember; after a
// save the value is dropped from state, so it is never shown again. The same zod schema checks
// it here (loaded with the form's first check) and on the server, which also validates it against
// the organization before storing.
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import type { PatSaved, SavePatInput, savePatSchema } from "@/lib/schemas/connector-pat";
import type { ApiProblem } from "@/lib/client/api/client";
import { applyApiError, FormProblem } from "@/components/ui/form";
import { connectorsApi } from "@/lib/client/api/connectors";
import { Button } from "@/components/ui/button";
import { resolverLoadedOnUse } from "@/components/ui/resolver-loaded-on-use";

type Props = { connectorId: string; version: number; organization: string; onSaved: (saved: PatSaved) => void; onCancel?: () => void };

export function PatForm({ connectorId, version, organization, onSaved, onCancel }: Props) {
  const patId = useId();
  const expiryId = useId();
  // The handler's schema checks the form; the version the page read travels with it.
  const form = useForm<z.input<typeof savePatSchema>, unknown, SavePatInput>({
    resolver: resolverLoadedOnUse(() => import("./pat-form-schema").then((module) => module.patResolver())),
    defaultValues: { pat: "", expiresAt: null, version },
  });
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const saving = form.formState.isSubmitting;
  const { isReady } = form.formState;
  const { pat: patIssue, expiresAt: expiryIssue } = form.formState.errors;
  // The portal's own messages are sentences; the schema's name the field first.
  const errors = {
    pat: patIssue?.message && (patIssue.type === "server" ? patIssue.message : `The PAT ${patIssue.message}.`),
    expiresAt: expiryIssue?.message && (expiryIssue.type === "server" ? expiryIssue.message : `The expiry date ${expiryIssue.message}.`),
  };

  async function submit(values: SavePatInput) {
    setProblem(null);
    try {
      const saved = await connectorsApi.savePat(connectorId, values);
      form.reset({ pat: "", expiresAt: null, version });
      onSaved(saved);
    } catch (error) {
      setProblem(applyApiError(error, form.setError, ["pat", "expiresAt"]));
    }
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} className="space-y-4" noValidate autoComplete="off">
      <div>
        <label htmlFor={patId} className="block text-sm font-medium text-slate-900">
          Personal access token
        </label>
        <p id={`${patId}-help`} className="mt-1 text-sm text-slate-600">
          Created in Azure DevOps under User settings → Personal access tokens, for organization <strong>{organization}</strong>, with the Code (Read) scope.
        </p>
        <input
          id={patId}
          {...form.register("pat")}
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          maxLength={1024}
          aria-invalid={errors.pat ? true : undefined}
          aria-describedby={`${patId}-help${errors.pat ? ` ${patId}-error` : ""}`}
          className="mt-2 block w-full max-w-lg rounded-md border-0 px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 aria-[invalid]:ring-red-600"
        />
        {errors.pat ? (
          <p id={`${patId}-error`} role="alert" className="mt-2 max-w-2xl text-sm leading-6 text-red-800">
            {errors.pat}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor={expiryId} className="block text-sm font-medium text-slate-900">
          Expires on <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <input
          id={expiryId}
          {...form.register("expiresAt", { setValueAs: (value: string | null) => value || null })}
          type="date"
          aria-invalid={errors.expiresAt ? true : undefined}
          aria-describedby={errors.expiresAt ? `${expiryId}-error` : undefined}
          className="mt-2 block rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
        />
        {errors.expiresAt ? (
          <p id={`${expiryId}-error`} role="alert" className="mt-2 text-sm text-red-800">
            {errors.expiresAt}
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600">The date Azure DevOps shows for the token; TenantBridge warns 14 days before.</p>
        )}
      </div>
      <FormProblem problem={problem} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={saving || !isReady}>
          {saving ? "Checking with Azure DevOps…" : "Validate and save"}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
