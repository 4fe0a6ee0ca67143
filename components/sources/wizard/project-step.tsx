"use client";
// Step 4: the project, listed live through the connector. ADO lists only the projects the
// caller belongs to, so an empty list is explained as project-level access, not as an error.
import { RefreshCw as RefreshIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { AdoProjectDto, CatalogListDto } from "@/lib/schemas/source";
import { ApiProblemNotice, HintNotice, ProblemNotice, SkeletonRows } from "./notices";
import { OptionList } from "./option-list";
import type { ApiGetState } from "./use-api-get";
import type { WizardDraft } from "@/lib/client/wizard-draft";
import type { WizardDispatch } from "./wizard-state";

export function ProjectStep({
  organization,
  projects,
  onReload,
  draft,
  dispatch,
}: {
  organization: string;
  projects: ApiGetState<CatalogListDto<AdoProjectDto>>;
  onReload: () => void;
  draft: WizardDraft;
  dispatch: WizardDispatch;
}) {
  const { project } = draft;
  if (projects.status === "loading") return <SkeletonRows label={`Listing the projects of ${organization} through the connector…`} />;
  if (projects.status === "error") return <ApiProblemNotice problem={projects.problem} title="The projects could not be listed" onRetry={onReload} />;
  const { items, problem, hint, more } = projects.data;
  if (problem) return <ProblemNotice problem={problem} onRetry={onReload} testId="projects-problem" />;
  if (items.length === 0) {
    return (
      <HintNotice
        title={`${organization} is reachable, but no project is visible to the connector`}
        testId="projects-empty"
        actions={
          <Button variant="secondary" size="sm" icon={<RefreshIcon size={16} />} onClick={onReload}>
            List again
          </Button>
        }
      >
        {hint ?? "Azure DevOps lists only the projects the identity is a member of. Add it to a project's Readers group (Project settings → Permissions), then list again."}
      </HintNotice>
    );
  }
  const missing = project && !items.some((item) => item.name.toLowerCase() === project.toLowerCase());
  return (
    <div className="space-y-3">
      {missing ? (
        <HintNotice title={`The connector cannot see a project named ${project}`}>
          Azure DevOps shows a project only to its members. Pick one of the projects below, or add the connector&apos;s identity to {project}&apos;s Readers group (Project settings → Permissions →
          Readers → Members → Add) and list again.
        </HintNotice>
      ) : null}
      <OptionList
        legend={`Projects of ${organization} the connector can see`}
        name="project"
        value={project}
        onChange={(chosen) => dispatch({ type: "chooseProject", project: chosen })}
        options={items.map((item) => ({ value: item.name, label: item.name }))}
      />
      {more ? <p className="text-sm text-slate-600">Only the first page of projects is listed; paste a repository URL in the organization step to pick another.</p> : null}
    </div>
  );
}
