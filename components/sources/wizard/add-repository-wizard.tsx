"use client";
// The "Add repository" wizard: platform → organization →
// sign-in → project → repositories → review → save. The step, organization and project are in
// the URL (Back and Forward work, and the server page derives the organization's connector from
// it); the rest is the wizard's state (use-wizard, wizard-state), saved in sessionStorage, so a
// reload or the OAuth popup resumes where the operator was. Rendered in the browser only (see
// wizard-loader). Each step is a file of its own, handed the draft and the dispatch.
import { useEffect, useRef, useState } from "react";
import { newRow, validationSignature, wizardSteps, type WizardDraft, type WizardStep } from "@/lib/client/wizard-draft";
import type { ConnectorDto } from "@/lib/schemas/connector";
import type { PermissionValidationDto } from "@/lib/schemas/permission-check";
import type { AdoAreaDto, AdoProjectDto, AdoRepositoryDto, CatalogListDto, SourceDto } from "@/lib/schemas/source";
import type { ApiProblem } from "@/lib/client/api/client";
import { AuthMethodPanel, AuthStep } from "./auth-step";
import { OrganizationStep } from "./organization-step";
import { PlatformStep } from "./platform-step";
import { settle } from "./post-json";
import { sourceKeys, sourcesApi } from "@/lib/client/api/sources";
import { ProjectStep } from "./project-step";
import { RepositoriesStep } from "./repositories-step";
import { ReviewStep, type ValidationState } from "./review-step";
import { SaveStep } from "./save-step";
import { StepFrame } from "./step-frame";
import { StepIndicator } from "./step-indicator";
import { WizardPlaceholder } from "./notices";
import { useApiGet } from "./use-api-get";
import { reachableStep, rowProblems, stepDone } from "./wizard-progress";
import { useWizard } from "./use-wizard";
import { ScriptButton } from "@/components/ui/script-button";

export type AddRepositoryWizardProps = {
  adoHost: string;
  /** The organization the server looked the connector up for (the URL's), and what it found. */
  serverOrganization: string | null;
  connector: ConnectorDto | null;
};

export function AddRepositoryWizard({ adoHost, serverOrganization, connector: serverConnector }: AddRepositoryWizardProps) {
  const { state, draft, dispatch, restored, step, moved, connector, resolving, go } = useWizard({ serverOrganization, connector: serverConnector });
  const { showErrors } = state;
  const [running, setRunning] = useState<{ waitSeconds: number } | null>(null);
  const [validationProblem, setValidationProblem] = useState<ApiProblem | null>(null);
  const autoRun = useRef<string | null>(null);
  const index = wizardSteps.indexOf(step);

  const connectorId = connector?.id ?? "";
  const project = draft.project ?? "";
  const organizationKey = draft.organization.toLowerCase();
  const inProject = connector !== null && Boolean(project);
  const projects = useApiGet<CatalogListDto<AdoProjectDto>>(sourceKeys.projects(connectorId), step === "project" && connector ? (signal) => sourcesApi.projects(connectorId, signal) : null);
  const repositories = useApiGet<CatalogListDto<AdoRepositoryDto>>(
    sourceKeys.repositories(connectorId, project),
    step === "repositories" && inProject ? (signal) => sourcesApi.repositories(connectorId, project, signal) : null,
  );
  const sources = useApiGet<{ items: SourceDto[] }>(sourceKeys.list(organizationKey), step === "repositories" ? (signal) => sourcesApi.list(organizationKey, signal) : null);
  const areas = useApiGet<CatalogListDto<AdoAreaDto>>(sourceKeys.areas(connectorId, project), step === "review" && inProject ? (signal) => sourcesApi.areas(connectorId, project, signal) : null);

  const signature = validationSignature(draft);
  const stored = draft.validation ? (draft.validation.result as PermissionValidationDto) : null;

  async function runValidation(from: WizardDraft = draft) {
    if (!connector || !from.project) return;
    // Without a chosen area the server judges the first area where the identity may edit work
    // items (the project root only when none allows it), and the picker then shows that area.
    const areaPath = from.areaPath;
    setRunning({ waitSeconds: 0 });
    setValidationProblem(null);
    const answer = await settle(
      sourcesApi.validatePermissions(
        connector.id,
        { project: from.project, repositories: from.rows.map((row) => row.repository), ...(areaPath ? { areaPath } : {}), trigger: "wizard" },
        { onWait: (waitSeconds) => setRunning({ waitSeconds }) },
      ),
    );
    setRunning(null);
    if (!answer.ok) return setValidationProblem(answer.problem);
    dispatch({ type: "validated", areaPath: answer.data.areaPath ?? areaPath, result: answer.data });
  }

  // The review runs the checks by itself once the area paths are known (or could not be listed).
  const areasSettled = areas.status !== "loading";
  useEffect(() => {
    if (!restored || step !== "review" || stored || running || validationProblem || !areasSettled || autoRun.current === signature) return;
    autoRun.current = signature;
    void runValidation();
  });

  const validation: ValidationState = running
    ? { status: "running", waitSeconds: running.waitSeconds }
    : validationProblem
      ? { status: "error", problem: validationProblem }
      : stored
        ? { status: "done", result: stored, current: draft.validation?.signature === signature }
        : { status: "idle" };

  function next() {
    if (!stepDone(step, draft, connector)) {
      dispatch({ type: "showErrors" });
      return;
    }
    const target = wizardSteps[index + 1];
    if (target) go(target);
  }
  const back = index > 0 ? () => go(wizardSteps[index - 1] as WizardStep) : undefined;

  function startOver(keepPlace: boolean) {
    if (keepPlace) go("repositories", { type: "addMore", row: newRow() });
    else go("platform", { type: "startOver" });
  }

  // Once saved, going back would only offer to save the same repositories again.
  const finished = step === "save" && draft.saved !== null && draft.saved.every((entry) => entry.outcome !== "failed");
  const frame = { index, total: wizardSteps.length, focusHeading: moved, onBack: back };
  const canNext = stepDone(step, draft, connector);

  if (!restored) return <WizardPlaceholder />;

  return (
    <div data-testid="wizard" data-step={step}>
      <StepIndicator
        current={step}
        reachable={(target) => !finished && wizardSteps.indexOf(target) <= wizardSteps.indexOf(reachableStep("save", draft, connector))}
        onSelect={(target) => go(target)}
      />
      {step === "platform" ? (
        <StepFrame
          {...frame}
          title="Where are the repositories?"
          description="Knowledge sources are repositories the agent clones and searches during investigations."
          onNext={next}
          nextDisabled={!canNext}
          nextHint={canNext ? null : "Choose Azure DevOps to continue."}
        >
          <PlatformStep draft={draft} dispatch={dispatch} />
        </StepFrame>
      ) : null}
      {step === "organization" ? (
        <StepFrame
          {...frame}
          title="Which Azure DevOps organization?"
          description="One connector per organization: the repositories of an organization share its sign-in."
          onNext={next}
          nextDisabled={!canNext}
          nextHint={canNext ? null : draft.organization ? "Fix the organization name to continue." : "Enter the organization to continue."}
        >
          <OrganizationStep adoHost={adoHost} draft={draft} dispatch={dispatch} showErrors={showErrors} />
        </StepFrame>
      ) : null}
      {step === "auth" ? (
        <StepFrame
          {...frame}
          title={`How does the agent sign in to ${draft.organization}?`}
          description="Reuse the organization's connector, or set one up. OAuth validates fastest; managed identity + FIC is for production; a PAT is the fallback."
          onNext={next}
          nextDisabled={!canNext}
          nextHint={canNext ? null : connector ? "Give the connector its credential to continue." : resolving ? null : "Create the connector to continue."}
          outside={connector && !resolving ? <AuthMethodPanel connector={connector} /> : null}
        >
          <AuthStep organization={draft.organization} connector={connector} resolving={resolving} />
        </StepFrame>
      ) : null}
      {step === "project" && connector ? (
        <StepFrame
          {...frame}
          title="Which project?"
          description={`Listed live from ${draft.organization} with the connector's identity: only the projects it can see.`}
          onNext={next}
          nextDisabled={!canNext}
          nextHint={canNext ? null : "Choose a project to continue."}
        >
          <ProjectStep organization={draft.organization} projects={projects} onReload={projects.reload} draft={draft} dispatch={dispatch} />
        </StepFrame>
      ) : null}
      {step === "repositories" && draft.project ? (
        <StepFrame
          {...frame}
          title={`Which repositories of ${draft.project}?`}
          description="Add one or several. The display name is what operators and the agent see; the branch defaults to the repository's default branch."
          onNext={next}
          nextDisabled={draft.rows.length === 0}
          nextHint={
            showErrors && rowProblems(draft.rows).some((problems) => Object.keys(problems).length > 0)
              ? "Fix the fields marked above to continue."
              : draft.rows.length === 0
                ? "Add at least one repository."
                : null
          }
        >
          <RepositoriesStep
            organization={draft.organization}
            project={draft.project}
            repositories={repositories}
            sources={sources}
            onReload={repositories.reload}
            draft={draft}
            dispatch={dispatch}
            showErrors={showErrors}
          />
        </StepFrame>
      ) : null}
      {step === "review" && draft.project ? (
        <StepFrame
          {...frame}
          title="Review what the connector's identity may do"
          description="Checked now in the target organization with Azure DevOps' own permission evaluation, as the connector's identity, never yours."
          onNext={next}
          nextLabel="Continue to save"
          nextDisabled={!canNext}
          nextHint={canNext ? null : validation.status === "done" ? "Check again after a change to continue." : null}
        >
          <ReviewStep organization={draft.organization} project={draft.project} areas={areas} draft={draft} dispatch={dispatch} validation={validation} onRun={() => void runValidation()} />
        </StepFrame>
      ) : null}
      {step === "save" && connector && stored && draft.project ? (
        <StepFrame
          {...frame}
          title={finished ? "Saved" : "Save the knowledge sources"}
          description={
            finished
              ? "The knowledge sources page lists them with their branch, their status and the connector that reaches them."
              : "Each repository is validated again as it is saved. One the connector cannot read yet is saved only as a draft, which lists what is missing."
          }
          onBack={finished ? undefined : back}
        >
          <SaveStep connectorId={connector.id} project={draft.project} rows={draft.rows} validation={stored} saved={draft.saved} dispatch={dispatch} onStartOver={() => startOver(true)} />
        </StepFrame>
      ) : null}
      {index > 0 && !finished ? (
        <p className="mt-4 text-sm text-slate-600">
          Your place is kept in this tab, so a reload or a sign-in window does not lose it.{" "}
          <ScriptButton type="button" className="font-medium text-indigo-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-600" onClick={() => startOver(false)}>
            Start over
          </ScriptButton>
        </p>
      ) : null}
    </div>
  );
}
