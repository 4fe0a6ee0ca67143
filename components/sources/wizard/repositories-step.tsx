"use client";
// Step 5: the repositories to add, several at once: each picked from the project's live list
// (repositories that are knowledge sources already cannot be picked again), or added by pasting
// its URL.
import { useId, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { Plus as PlusIcon } from "lucide-react";
import { newRow, type RepositoryRow, type WizardDraft } from "@/lib/client/wizard-draft";
import type { WizardDispatch } from "./wizard-state";
import type { AdoRepositoryDto, CatalogListDto, SourceDto } from "@/lib/schemas/source";
import { ApiProblemNotice, HintNotice, ProblemNotice, SkeletonRows } from "./notices";
import { RepositoryRowFields } from "./repository-row";
import { readRepositoryUrl } from "./repository-url";
import type { ApiGetState } from "./use-api-get";
import { rowProblems } from "./wizard-progress";

export function RepositoriesStep({
  organization,
  project,
  repositories,
  sources,
  onReload,
  draft,
  dispatch,
  showErrors,
}: {
  organization: string;
  project: string;
  repositories: ApiGetState<CatalogListDto<AdoRepositoryDto>>;
  sources: ApiGetState<{ items: SourceDto[] }>;
  onReload: () => void;
  draft: WizardDraft;
  dispatch: WizardDispatch;
  showErrors: boolean;
}) {
  const { rows } = draft;
  const onRowsChange = (changed: RepositoryRow[]) => dispatch({ type: "changeRows", rows: changed });
  const urlId = useId();
  const [url, setUrl] = useState("");
  const [urlMessage, setUrlMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [addedKey, setAddedKey] = useState<string | null>(null);

  if (repositories.status === "loading") return <SkeletonRows label={`Listing the repositories of ${project} through the connector…`} />;
  if (repositories.status === "error") return <ApiProblemNotice problem={repositories.problem} title="The repositories could not be listed" onRetry={onReload} />;
  const { items, problem, hint } = repositories.data;
  if (problem) return <ProblemNotice problem={problem} onRetry={onReload} testId="repositories-problem" />;

  const existing = new Set(
    sources.status === "loaded" ? sources.data.items.filter((source) => source.project.toLowerCase() === project.toLowerCase()).map((source) => source.repository.toLowerCase()) : [],
  );
  const problems = rowProblems(rows);

  function addFromUrl() {
    const text = url.trim();
    if (!text) return;
    const parsed = readRepositoryUrl(text);
    if (!parsed.ok) return setUrlMessage({ tone: "error", text: `That address ${parsed.message}.` });
    const { value } = parsed;
    if (value.organization !== organization.toLowerCase()) {
      return setUrlMessage({
        tone: "error",
        text: `That repository is in the organization ${value.organization}; this wizard adds repositories of ${organization}. Start again from the organization step to use ${value.organization}.`,
      });
    }
    if (value.project.toLowerCase() !== project.toLowerCase()) {
      return setUrlMessage({ tone: "error", text: `That repository is in the project ${value.project}; this step adds repositories of ${project}. Go back to the project step to switch.` });
    }
    const listed = items.find((item) => item.name.toLowerCase() === value.repository.toLowerCase());
    const name = listed?.name ?? value.repository;
    if (rows.some((row) => row.repository.toLowerCase() === name.toLowerCase())) return setUrlMessage({ tone: "error", text: `${name} is already in the list.` });
    const blank = rows.findIndex((row) => !row.repository);
    const row = newRow(name, value.branch ?? "");
    onRowsChange(blank >= 0 ? rows.map((current, index) => (index === blank ? { ...row, key: current.key } : current)) : [...rows, row]);
    setUrl("");
    setUrlMessage({ tone: "ok", text: `Added ${name}${value.branch ? ` on branch ${value.branch}` : ""}${listed ? "" : " (the connector cannot see it: the review will say why)"}.` });
  }

  function onUrlKey(event: KeyboardEvent<HTMLInputElement>) {
    // Enter here adds the URL; it must not submit the step.
    if (event.key === "Enter") {
      event.preventDefault();
      addFromUrl();
    }
  }

  return (
    <div className="space-y-4">
      {items.length === 0 ? (
        <HintNotice title={`No repository of ${project} is readable by the connector`} testId="repositories-empty">
          {hint ??
            `Azure DevOps lists only the repositories the identity may read. Add it to ${project}'s Readers group, or allow Read on the repository (Project settings → Repositories → Security).`}
        </HintNotice>
      ) : null}
      {rows.map((row, index) => (
        <RepositoryRowFields
          key={row.key}
          index={index}
          row={row}
          repositories={items}
          existing={existing}
          problems={showErrors || problems[index]?.repository?.startsWith("Already") ? (problems[index] ?? {}) : {}}
          onChange={(changed) => onRowsChange(rows.map((current) => (current.key === row.key ? changed : current)))}
          onRemove={() => onRowsChange(rows.filter((current) => current.key !== row.key))}
          focusOnMount={row.key === addedKey}
        />
      ))}
      {rows.length === 0 ? <p className="text-sm text-slate-600">No repository yet: add one from the list or paste its URL.</p> : null}
      <div className="flex flex-wrap items-end gap-3">
        <Button
          variant="secondary"
          icon={<PlusIcon size={16} />}
          onClick={() => {
            const row = newRow();
            setAddedKey(row.key);
            onRowsChange([...rows, row]);
          }}
          disabled={rows.length >= 20}
        >
          Add a repository
        </Button>
        <div className="min-w-[18rem] flex-1">
          <label htmlFor={urlId} className="block text-sm font-medium text-slate-900">
            Or paste a repository URL
          </label>
          <div className="mt-1.5 flex gap-2">
            <input
              id={urlId}
              value={url}
              onChange={(event) => {
                setUrl(event.target.value);
                setUrlMessage(null);
              }}
              onKeyDown={onUrlKey}
              placeholder={`https://dev.azure.com/${organization}/${project}/_git/…`}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={urlMessage?.tone === "error" ? true : undefined}
              aria-describedby={urlMessage ? `${urlId}-message` : undefined}
              className="block w-full min-w-0 rounded-md border-0 px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-[invalid]:ring-red-600"
            />
            <Button variant="secondary" onClick={addFromUrl} disabled={!url.trim()}>
              Add
            </Button>
          </div>
        </div>
      </div>
      <p id={`${urlId}-message`} aria-live="polite" className={urlMessage?.tone === "error" ? "text-sm text-red-800" : "text-sm text-emerald-800"}>
        {urlMessage?.text}
      </p>
    </div>
  );
}
