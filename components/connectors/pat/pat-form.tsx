"use client";
// Enter a PAT once. The field is a password input that the browser should not remember; after a
// save the value is dropped from state, so it is never shown again. The same zod schema checks
// it here and on the server, which also validates it against the organization before storing.
import { useId, useState, type FormEvent } from "react";
import { savePatSchema, type PatSaved } from "@/lib/schemas/connector-pat";
import { ApiError } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import { Button } from "@/components/ui/button";

type Props = { connectorId: string; version: number; organization: string; onSaved: (saved: PatSaved) => void; onCancel?: () => void };

export function PatForm({ connectorId, version, organization, onSaved, onCancel }: Props) {
  const patId = useId();
  const expiryId = useId();
  const [pat, setPat] = useState("");
  const [expiresAt, setExpiresAt] = useState("");
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<{ pat?: string; expiresAt?: string; form?: string; hint?: string }>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = savePatSchema.safeParse({ pat, expiresAt: expiresAt || null, version });
    if (!parsed.success) {
      const byField = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? "form"), issue.message]));
      setErrors({ pat: byField.pat && `The PAT ${byField.pat}.`, expiresAt: byField.expiresAt && `The expiry date ${byField.expiresAt}.` });
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      const saved = await connectorsApi.savePat(connectorId, parsed.data);
      setPat("");
      setExpiresAt("");
      onSaved(saved);
    } catch (error) {
      const problem = ApiError.from(error);
      const field = (name: string) => problem.fieldMessage(name);
      setErrors({
        pat: field("pat"),
        expiresAt: field("expiresAt"),
        form: field("pat") || field("expiresAt") ? undefined : problem.message,
        hint: field("pat") ? undefined : problem.hint,
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate autoComplete="off">
      <div>
        <label htmlFor={patId} className="block text-sm font-medium text-slate-900">
          Personal access token
        </label>
        <p id={`${patId}-help`} className="mt-1 text-sm text-slate-600">
          Created in Azure DevOps under User settings → Personal access tokens, for organization <strong>{organization}</strong>, with the Code (Read) scope.
        </p>
        <input
          id={patId}
          name="pat"
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          maxLength={1024}
          value={pat}
          onChange={(event) => setPat(event.target.value)}
          aria-invalid={errors.pat ? true : undefined}
          aria-describedby={`${patId}-help${errors.pat ? ` ${patId}-error` : ""}`}
          className="mt-2 block w-full max-w-lg rounded-md border-0 px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 aria-[invalid]:ring-red-600"
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
          name="expiresAt"
          type="date"
          value={expiresAt}
          onChange={(event) => setExpiresAt(event.target.value)}
          aria-invalid={errors.expiresAt ? true : undefined}
          aria-describedby={errors.expiresAt ? `${expiryId}-error` : undefined}
          className="mt-2 block rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        />
        {errors.expiresAt ? (
          <p id={`${expiryId}-error`} role="alert" className="mt-2 text-sm text-red-800">
            {errors.expiresAt}
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600">The date Azure DevOps shows for the token; TenantBridge warns 14 days before.</p>
        )}
      </div>
      {errors.form ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">{errors.form}</p>
          {errors.hint ? <p className="mt-1">{errors.hint}</p> : null}
        </div>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={saving}>
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
