"use client";
// One repository to add: the repository (from the live list), its display name (the repository's
// name unless edited), an optional description and branch, and a remove button.
import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { CircleX as XCircleIcon } from "lucide-react";
import type { RepositoryRow } from "@/lib/client/wizard-draft";
import type { AdoRepositoryDto } from "@/lib/schemas/source";
import type { RowProblems } from "./wizard-progress";

const inputClasses =
  "mt-1.5 block w-full min-w-0 rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-[invalid]:ring-red-600";

function Field({ id, label, error, children, hint }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {children}
      {hint && !error ? <p className="mt-1 text-xs text-slate-600">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function RepositoryRowFields({
  index,
  row,
  repositories,
  existing,
  problems,
  onChange,
  onRemove,
  focusOnMount = false,
}: {
  index: number;
  row: RepositoryRow;
  repositories: AdoRepositoryDto[];
  /** Repositories of the project that are knowledge sources already (lower case). */
  existing: Set<string>;
  problems: RowProblems;
  onChange: (row: RepositoryRow) => void;
  onRemove: () => void;
  /** A row the operator just added gets the focus, so the keyboard continues where the new row is. */
  focusOnMount?: boolean;
}) {
  const id = useId();
  const listed = repositories.find((repository) => repository.name.toLowerCase() === row.repository.toLowerCase());
  const defaultBranch = listed?.defaultBranch?.replace(/^refs\/heads\//, "") ?? null;
  const invalid = (field: keyof RowProblems) => (problems[field] ? { "aria-invalid": true as const, "aria-describedby": `${id}-${field}-error` } : {});

  return (
    <fieldset aria-labelledby={`${id}-legend`} className="rounded-lg bg-white p-4 ring-1 ring-slate-200" data-testid="repository-row">
      <div className="flex items-center justify-between gap-3">
        <p id={`${id}-legend`} className="text-sm font-semibold text-slate-900">
          Repository {index + 1}
        </p>
        <Button variant="ghost" size="sm" icon={<XCircleIcon size={16} />} onClick={onRemove} aria-label={`Remove repository ${index + 1}${row.repository ? ` (${row.repository})` : ""}`}>
          Remove
        </Button>
      </div>
      <div className="mt-2 grid gap-4 md:grid-cols-3">
        <Field id={`${id}-repository`} label="Repository" error={problems.repository}>
          <select
            id={`${id}-repository`}
            autoFocus={focusOnMount}
            value={listed?.name ?? row.repository}
            onChange={(event) => {
              const repository = event.target.value;
              onChange({ ...row, repository, displayName: row.displayNameEdited ? row.displayName : repository });
            }}
            className={cx(inputClasses, "pr-8")}
            {...invalid("repository")}
          >
            <option value="">Choose a repository…</option>
            {row.repository && !listed ? <option value={row.repository}>{row.repository} (not visible to the connector)</option> : null}
            {repositories.map((repository) => {
              const already = existing.has(repository.name.toLowerCase());
              return (
                <option key={repository.id} value={repository.name} disabled={already}>
                  {repository.name}
                  {already ? " (already a knowledge source)" : ""}
                </option>
              );
            })}
          </select>
        </Field>
        <Field id={`${id}-displayName`} label="Display name" error={problems.displayName} hint="Defaults to the repository's name.">
          <input
            id={`${id}-displayName`}
            value={row.displayName}
            onChange={(event) => onChange({ ...row, displayName: event.target.value, displayNameEdited: true })}
            autoComplete="off"
            className={inputClasses}
            {...invalid("displayName")}
          />
        </Field>
        <Field id={`${id}-branch`} label="Branch (optional)" error={problems.branch} hint={defaultBranch ? `Empty: the default branch, ${defaultBranch}.` : "Empty: the repository's default branch."}>
          <input
            id={`${id}-branch`}
            value={row.branch}
            onChange={(event) => onChange({ ...row, branch: event.target.value })}
            placeholder={defaultBranch ?? "main"}
            spellCheck={false}
            autoComplete="off"
            className={cx(inputClasses, "font-mono")}
            {...invalid("branch")}
          />
        </Field>
        <div className="md:col-span-3">
          <Field id={`${id}-description`} label="Description (optional)" error={problems.description}>
            <input
              id={`${id}-description`}
              value={row.description}
              onChange={(event) => onChange({ ...row, description: event.target.value })}
              placeholder="What the agent finds here, e.g. the payments API and its runbooks"
              autoComplete="off"
              className={inputClasses}
              {...invalid("description")}
            />
          </Field>
        </div>
      </div>
    </fieldset>
  );
}
