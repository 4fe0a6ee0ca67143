"use client";
// Step 7: save. Each repository is saved through POST /api/sources (the server validates again);
// with failing checks only as a draft that says what is missing. The result stays on screen
// (and in the draft, so a reload shows it) with the way to the list.
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { CircleCheck as CheckCircleIcon, CircleDashed as CircleDashedIcon, CircleX as XCircleIcon, Plus as PlusIcon, TriangleAlert as AlertTriangleIcon } from "lucide-react";
import type { RepositoryRow, SavedRow } from "@/lib/client/wizard-draft";
import type { PermissionValidationDto } from "@/lib/schemas/permission-check";
import { useQueryClient } from "@tanstack/react-query";
import { sourceKeys, sourcesApi } from "@/lib/client/api/sources";
import { settle } from "./post-json";
import { savePlan, saveLabel } from "./save-plan";
import type { WizardDispatch } from "./wizard-state";

function MissingList({ items }: { items: string[] }) {
  return (
    <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm leading-6 text-slate-700">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function SaveStep({
  connectorId,
  project,
  rows,
  validation,
  saved,
  dispatch,
  onStartOver,
}: {
  connectorId: string;
  project: string;
  rows: RepositoryRow[];
  validation: PermissionValidationDto;
  saved: SavedRow[] | null;
  dispatch: WizardDispatch;
  onStartOver: () => void;
}) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<string | null>(null);
  const plan = savePlan(rows, validation);

  async function save() {
    const results: SavedRow[] = [];
    // Rows saved by an earlier attempt are kept; only the failed ones are sent again.
    const done = new Map((saved ?? []).filter((entry) => entry.outcome !== "failed").map((entry) => [entry.repository.toLowerCase(), entry]));
    for (const [index, entry] of plan.rows.entries()) {
      const previous = done.get(entry.row.repository.toLowerCase());
      if (previous) {
        results.push(previous);
        continue;
      }
      setProgress(`Saving ${entry.row.repository} (${index + 1} of ${plan.rows.length})…`);
      const body = {
        connectorId,
        project,
        repository: entry.row.repository,
        displayName: entry.row.displayName.trim(),
        ...(entry.row.description.trim() ? { description: entry.row.description.trim() } : {}),
        ...(entry.row.branch.trim() ? { branch: entry.row.branch.trim() } : {}),
        // The source is for what the review checked; without an area path it can only be for reading.
        ...(validation.areaPath ? { capabilities: validation.capabilities.map((group) => group.capability), areaPath: validation.areaPath } : { capabilities: ["read_code" as const] }),
        allowDraft: entry.status === "draft",
      };
      const answer = await settle(
        sourcesApi.create(body, {
          onWait: (seconds) => setProgress(seconds > 0 ? `Validations of this organization are rate-limited: saving ${entry.row.repository} in ${seconds} s…` : `Saving ${entry.row.repository}…`),
        }),
      );
      results.push(
        answer.ok
          ? { repository: answer.data.source.repository, outcome: answer.data.source.status, sourceId: answer.data.source.id, message: null, missing: answer.data.source.missing }
          : { repository: entry.row.repository, outcome: "failed", sourceId: null, message: [answer.problem.message, answer.problem.hint].filter(Boolean).join(" "), missing: [] },
      );
    }
    setProgress(null);
    await queryClient.invalidateQueries({ queryKey: sourceKeys.all });
    dispatch({ type: "saved", saved: results });
  }

  if (saved && saved.every((entry) => entry.outcome !== "failed")) {
    const drafts = saved.filter((entry) => entry.outcome === "draft").length;
    return (
      <div className="space-y-4" data-testid="saved">
        <div role="status" className="flex items-start gap-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-emerald-950">
          <CheckCircleIcon size={22} className="mt-0.5 shrink-0 text-emerald-700" />
          <div>
            <p className="font-semibold">
              {saved.length === 1 ? "1 repository added" : `${saved.length} repositories added`}
              {drafts > 0 ? ` (${drafts} as ${drafts === 1 ? "draft" : "drafts"})` : ""}
            </p>
            <p className="mt-1 text-sm leading-6">
              {drafts > 0 ? "Drafts are not used by the agent until a validation passes; each lists what is missing." : "The agent can clone and search them now, on the branch shown."}
            </p>
          </div>
        </div>
        <SavedList saved={saved} />
        <div className="flex flex-wrap gap-3">
          <ButtonLink href="/knowledge-sources">Go to knowledge sources</ButtonLink>
          <Button variant="secondary" icon={<PlusIcon size={16} />} onClick={onStartOver}>
            Add more repositories
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <ul className="space-y-2">
        {plan.rows.map((entry) => (
          <li key={entry.row.key} className="rounded-lg p-4 ring-1 ring-slate-200" data-testid="save-plan-row" data-status={entry.status}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm">
                <span className="font-semibold text-slate-900">{entry.row.displayName}</span>{" "}
                <span className="font-mono text-slate-600">
                  {project}/{entry.row.repository}
                  {entry.row.branch.trim() ? ` @ ${entry.row.branch.trim()}` : ""}
                </span>
              </p>
              {entry.status === "ready" ? (
                <Badge tone="success" icon={<CheckCircleIcon size={14} />}>
                  Ready
                </Badge>
              ) : (
                <Badge tone="warning" icon={<CircleDashedIcon size={14} />}>
                  Draft: access missing
                </Badge>
              )}
            </div>
            {entry.status === "draft" ? (
              <div className="mt-2">
                <p className="text-sm font-medium text-slate-900">Missing before the agent can use it:</p>
                <MissingList items={entry.missing} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {plan.connectorMissing.length > 0 ? (
        <div className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950" data-testid="connector-missing">
          <p className="flex items-center gap-2 font-semibold">
            <AlertTriangleIcon size={18} />
            Reading code does not need these, but the agent cannot comment or file work items until they are granted:
          </p>
          <MissingList items={plan.connectorMissing} />
        </div>
      ) : null}
      {saved ? <SavedList saved={saved} /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => void save()} disabled={progress !== null} variant="primary">
          {saved ? "Try the failed ones again" : saveLabel(plan)}
        </Button>
        <p aria-live="polite" className="text-sm text-slate-700">
          {progress}
        </p>
      </div>
    </div>
  );
}

function SavedList({ saved }: { saved: SavedRow[] }) {
  return (
    <ul className="space-y-2" aria-label="Saved repositories">
      {saved.map((entry) => (
        <li key={entry.repository} className="flex items-start gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-slate-200" data-testid="saved-row" data-outcome={entry.outcome}>
          {entry.outcome === "failed" ? (
            <XCircleIcon size={18} className="mt-0.5 shrink-0 text-red-700" />
          ) : entry.outcome === "draft" ? (
            <CircleDashedIcon size={18} className="mt-0.5 shrink-0 text-amber-700" />
          ) : (
            <CheckCircleIcon size={18} className="mt-0.5 shrink-0 text-emerald-700" />
          )}
          <div className="min-w-0">
            <p>
              <span className="font-medium text-slate-900">{entry.repository}</span>: {entry.outcome === "failed" ? "not saved" : entry.outcome === "draft" ? "saved as a draft" : "saved, ready"}
            </p>
            {entry.message ? <p className="text-red-800">{entry.message}</p> : null}
            {entry.outcome === "draft" && entry.missing.length > 0 ? <MissingList items={entry.missing} /> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
