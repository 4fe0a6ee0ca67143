"use client";
// Step 1: where the repositories live. Azure DevOps only for now; GitHub is shown so operators
// know it was considered, disabled with the reason.
import { Badge } from "@/components/ui/badge";
import { FolderGit2 as RepoIcon } from "lucide-react";
import { cx } from "@/components/ui/cx";
import type { WizardDraft } from "@/lib/client/wizard-draft";
import type { WizardDispatch } from "./wizard-state";

export function PlatformStep({ draft, dispatch }: { draft: WizardDraft; dispatch: WizardDispatch }) {
  const chosen = draft.platformChosen;
  return (
    <fieldset>
      {/* The step's heading asks the same question on screen; the legend names the group for assistive technology. */}
      <legend className="sr-only">Where are the repositories?</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <label
          className={cx(
            "relative flex cursor-pointer flex-col rounded-lg p-4 ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600",
            chosen ? "bg-indigo-50/60 ring-2 ring-indigo-600" : "bg-white ring-slate-300 hover:bg-slate-50",
          )}
        >
          <input type="radio" name="platform" value="ado" checked={chosen} onChange={() => dispatch({ type: "choosePlatform" })} className="sr-only" />
          <span className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            <span className="text-indigo-700">
              <RepoIcon size={18} />
            </span>
            Azure DevOps
          </span>
          <span className="mt-1 text-sm leading-6 text-slate-600">Git repositories and wikis of an organization on dev.azure.com or {"{organization}"}.visualstudio.com, in any tenant.</span>
        </label>
        <label className="relative flex cursor-not-allowed flex-col rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
          <input type="radio" name="platform" value="github" disabled aria-describedby="github-not-supported" className="sr-only" />
          <span className="flex items-center justify-between gap-2">
            <span className="flex items-center gap-2 text-sm font-semibold text-slate-500">
              <RepoIcon size={18} />
              GitHub
            </span>
            <Badge tone="neutral">Not supported yet</Badge>
          </span>
          <span id="github-not-supported" className="mt-1 text-sm leading-6 text-slate-500">
            GitHub is not tenant-scoped, so it needs none of the cross-tenant setup here. Not supported by TenantBridge yet.
          </span>
        </label>
      </div>
    </fieldset>
  );
}
