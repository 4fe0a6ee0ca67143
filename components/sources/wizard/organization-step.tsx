"use client";
// Step 2: the organization, checked as the operator types: ADO's naming rules at once (the same
// schema as the server), then whether TenantBridge already has a connector for it. A pasted
// repository or wiki URL fills the organization, project, repository and branch.
import { useId, useState } from "react";
import { cx } from "@/components/ui/cx";
import { CircleCheck as CheckCircleIcon, CircleX as XCircleIcon, FolderGit2 as RepoIcon } from "lucide-react";
import { useOrganizationCheck } from "@/lib/client/use-organization-check";
import { newRow, type WizardDraft } from "@/lib/client/wizard-draft";
import { loadNameRules, nameRulesLoaded } from "./name-rules-loader";
import { looksLikeUrl, readRepositoryUrl } from "./repository-url";
import type { WizardDispatch } from "./wizard-state";
import { organizationProblem } from "./wizard-progress";

export function OrganizationStep({ adoHost, draft, dispatch, showErrors }: { adoHost: string; draft: WizardDraft; dispatch: WizardDispatch; showErrors: boolean }) {
  const { organization, filledFrom } = draft;
  const id = useId();
  const [text, setText] = useState(organization);
  const [urlProblem, setUrlProblem] = useState<string | null>(null);
  const name = organization.trim().toLowerCase();
  const ruleProblem = text.trim() && !looksLikeUrl(text) ? organizationProblem(text) : null;
  const problem = urlProblem ?? ruleProblem ?? (showErrors ? organizationProblem(organization) : null);
  const valid = organizationProblem(organization) === null;
  const check = useOrganizationCheck(name, valid);

  function change(value: string) {
    setText(value);
    if (looksLikeUrl(value)) {
      // A URL pasted before the naming rules arrived is read once they have.
      if (!nameRulesLoaded())
        return void loadNameRules().then(
          () => change(value),
          () => setUrlProblem("That address could not be read: the portal could not be reached. Paste it again."),
        );
      const parsed = readRepositoryUrl(value);
      if (!parsed.ok) {
        setUrlProblem(`That address ${parsed.message}.`);
        return;
      }
      setUrlProblem(null);
      setText(parsed.value.organization);
      dispatch({ type: "fillFromUrl", parsed: parsed.value, row: newRow() });
      return;
    }
    setUrlProblem(null);
    dispatch({ type: "changeOrganization", organization: value.trim() });
  }

  const current = check && check.name === name && valid ? check : null;
  const describedBy = [`${id}-hint`, problem ? `${id}-error` : null, current ? `${id}-status` : null].filter(Boolean).join(" ");

  return (
    <div className="max-w-2xl space-y-4">
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-900">
          Organization or repository URL
        </label>
        <p id={`${id}-hint`} className="mt-0.5 text-xs leading-5 text-slate-600">
          The part after {adoHost}/: letters, digits and hyphens, no hyphen at the start or end, at most 50 characters. Or paste a repository, clone, SSH or wiki URL to fill in the rest.
        </p>
        <div className="mt-1.5 flex rounded-md shadow-sm">
          <span className="inline-flex items-center rounded-l-md bg-slate-50 px-3 font-mono text-sm text-slate-600 ring-1 ring-slate-300 ring-inset">{adoHost}/</span>
          <input
            id={id}
            name="organization"
            value={text}
            onChange={(event) => change(event.target.value)}
            placeholder="litware"
            spellCheck={false}
            autoComplete="off"
            autoFocus={false}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy}
            className="-ml-px block w-full min-w-0 rounded-r-md border-0 px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-[invalid]:ring-red-600"
          />
        </div>
        {problem ? (
          <p id={`${id}-error`} className="mt-1.5 text-sm leading-6 text-red-800">
            {problem}
          </p>
        ) : null}
        <div id={`${id}-status`} aria-live="polite" className="mt-1.5 min-h-6 text-sm">
          {current?.status === "checking" ? <span className="text-slate-600">Checking {name}…</span> : null}
          {current?.status === "failed" ? <span className="text-amber-800">{current.message} You can continue; the next step checks again.</span> : null}
          {current?.status === "done" ? (
            <span
              className={cx("flex items-start gap-1.5", current.result.exists === "no" ? "text-red-800" : current.result.connector ? "text-emerald-800" : "text-slate-700")}
              data-testid="organization-check"
              data-exists={current.result.exists}
            >
              {current.result.exists === "no" ? <XCircleIcon size={16} className="mt-0.5 shrink-0" /> : <CheckCircleIcon size={16} className="mt-0.5 shrink-0" />}
              {current.result.message}
            </span>
          ) : null}
        </div>
      </div>
      {filledFrom ? (
        <div role="status" className="flex items-start gap-2 rounded-md bg-indigo-50/70 p-3 text-sm text-indigo-950 ring-1 ring-indigo-100" data-testid="filled-from-url">
          <RepoIcon size={18} className="mt-0.5 shrink-0 text-indigo-700" />
          <span className="min-w-0">
            <span className="font-medium">Filled in from the URL:</span> {filledFrom}. The next steps preselect them; you can still change them.
          </span>
        </div>
      ) : null}
    </div>
  );
}
