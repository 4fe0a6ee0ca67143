"use client";
// The values the exchange needs, checked as Entra would as the operator types.
import type { ReactNode } from "react";
import { useController, type Control } from "react-hook-form";
import { cx } from "@/components/ui/cx";
import { FormTextField } from "@/components/ui/form-text-field";
import { ficFieldLabels, type FicField, type FicFormValues, type IdentityKind } from "@/lib/schemas/fic";

export type FieldSources = Partial<Record<FicField, string>>;

const hints: Record<FicField, string> = {
  agentTenantId: "The tenant of the agent's managed identity and of the multi-tenant app.",
  miClientId: "Azure portal → the identity → Overview → Client ID.",
  miPrincipalId: "Azure portal → the identity → Overview → Object (principal) ID. It becomes the credential's subject.",
  appClientId: "Application (client) ID of the app registration in the agent tenant, “Accounts in any organizational directory”.",
  targetTenantId: "The tenant the organization or cluster belongs to.",
  ficName: "3–120 letters, digits, hyphens or underscores; cannot be changed once created.",
};

function IdentityKindChoice({ value, onChange, readOnly, issue }: { value: IdentityKind; onChange: (kind: IdentityKind) => void; readOnly: boolean; issue?: string }) {
  const options: Array<{ kind: IdentityKind; title: string; body: string }> = [
    { kind: "user_assigned", title: "User-assigned identity", body: "Its own Azure resource, attached to the agent's host. Required for a federated credential." },
    { kind: "system_assigned", title: "System-assigned identity", body: "Created with the host and deleted with it." },
  ];
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-900">Which managed identity does the agent use?</legend>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {options.map((option) => (
          <label
            key={option.kind}
            className={cx(
              "flex cursor-pointer gap-3 rounded-lg p-3 ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600",
              value === option.kind ? "bg-indigo-50/60 ring-indigo-600" : "bg-white ring-slate-300",
              readOnly && "cursor-default",
            )}
          >
            <input
              type="radio"
              name="identity-kind"
              className="mt-0.5 accent-indigo-600"
              checked={value === option.kind}
              disabled={readOnly && value !== option.kind}
              onChange={() => onChange(option.kind)}
            />
            <span>
              <span className="block text-sm font-semibold text-slate-900">{option.title}</span>
              <span className="block text-xs leading-5 text-slate-600">{option.body}</span>
            </span>
          </label>
        ))}
      </div>
      {issue ? (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm leading-6 text-red-900">
          <strong className="font-semibold">A system-assigned identity cannot be used. </strong>
          {issue}
        </p>
      ) : null}
    </fieldset>
  );
}

export function MiFicFields({
  control,
  issueOf,
  readOnly,
  sources,
}: {
  control: Control<FicFormValues>;
  /** The problem to show on a field now, if any (issues show once a field has a value or after a save attempt). */
  issueOf: (field: FicField | "identityKind") => string | null;
  readOnly: boolean;
  sources: FieldSources;
}) {
  const identityKind = useController({ control, name: "identityKind" });
  const field = (name: FicField, extra?: ReactNode) => (
    <FormTextField
      control={control}
      label={ficFieldLabels[name]}
      name={name}
      readOnly={readOnly}
      placeholder={name === "ficName" ? undefined : "00000000-0000-0000-0000-000000000000"}
      hint={
        <>
          {hints[name]}
          {sources[name] ? <span className="ml-1 font-medium text-indigo-700">{sources[name]}</span> : null}
          {extra}
        </>
      }
      error={issueOf(name)}
    />
  );
  return (
    <div className="space-y-6">
      <IdentityKindChoice value={identityKind.field.value} onChange={identityKind.field.onChange} readOnly={readOnly} issue={issueOf("identityKind") ?? undefined} />
      <div className="grid gap-x-6 gap-y-5 md:grid-cols-2">
        {field("agentTenantId")}
        {field("targetTenantId")}
        {field("miClientId")}
        {field("miPrincipalId")}
        {field("appClientId")}
        {field("ficName")}
      </div>
    </div>
  );
}
