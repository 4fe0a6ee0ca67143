"use client";
// The "Add repository" wizard: platform → organization →
// sign-in → project → repositories → review → save. The step, organization and project are in
// the URL (Back and Forward work, and the server page derives the organization's connector from
// it); rows, the area path and the last validation are in sessionStorage, so a reload or the
// OAuth popup resumes where the operator was. Rendered in the browser only (see wizard-loader).
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import {
  emptyDraft,
  getDraftSnapshot,
  getServerDraftSnapshot,
  newRow,
  resetDraft,
  setDraft,
  subscribeDraft,
  validationSignature,
  wizardSteps,
  type WizardDraft,
  type WizardStep,
} from "@/lib/client/wizard-draft";
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
import type { ParsedRepositoryUrl } from "./repository-url";
import { RepositoriesStep } from "./repositories-step";
import { ReviewStep, type ValidationState } from "./review-step";
import { SaveStep } from "./save-step";
import { StepFrame } from "./step-frame";
import { StepIndicator } from "./step-indicator";
import { useApiGet } from "./use-api-get";
import { isWizardStep, reachableStep, rowProblems, stepDone } from "./wizard-progress";

export type AddRepositoryWizardProps = {
  adoHost: string;
  /** The organization the server looked the connector up for (the URL's), and what it found. */
  serverOrganization: string | null;
  connector: ConnectorDto | null;
};

/**
 * Brings the draft in line with the URL once per page load: the URL wins when it names another
 * organization or project (a shared link); a draft whose sources were all saved starts afresh.
 */
function reconcileWithUrl(params: URLSearchParams): void {
  const stored = getDraftSnapshot();
  const fresh = stored.saved !== null && stored.saved.every((entry) => entry.outcome !== "failed") && params.get("step") !== "save";
  let draft = fresh ? emptyDraft() : stored;
  const organization = params.get("org")?.toLowerCase() ?? null;
  if (organization !== null && organization !== draft.organization.toLowerCase()) draft = { ...emptyDraft(), platformChosen: true, organization };
  const project = params.get("project");
  if (project !== null && project.toLowerCase() !== (draft.project ?? "").toLowerCase()) draft = { ...draft, project, rows: [], validation: null, saved: null };
  if (draft !== stored) setDraft(draft);
}

/** The step on screen, kept outside React so a re-rendered wizard still knows it moved (focus goes to the heading). */
let shownStep: WizardStep | null = null;
let reconciled = false;

export function AddRepositoryWizard({ adoHost, serverOrganization, connector: serverConnector }: AddRepositoryWizardProps) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  useState(() => {
    // Once per page load (not per render of a new instance): the URL of the load decides.
    if (!reconciled) reconcileWithUrl(new URLSearchParams(searchParams.toString()));
    reconciled = true;
    return null;
  });
  const draft = useSyncExternalStore(subscribeDraft, getDraftSnapshot, getServerDraftSnapshot);
  const [showErrors, setShowErrors] = useState(false);
  const [running, setRunning] = useState<{ waitSeconds: number } | null>(null);
  const [validationProblem, setValidationProblem] = useState<ApiProblem | null>(null);
  const autoRun = useRef<string | null>(null);

  // The server resolved the connector for the URL's organization; until the URL catches up with the draft it is unknown.
  const resolving = serverOrganization !== draft.organization.toLowerCase();
  const connector = resolving ? null : serverConnector;
  const requested = searchParams.get("step");
  const step = reachableStep(isWizardStep(requested) ? requested : null, draft, connector);
  const index = wizardSteps.indexOf(step);

  const urlFor = (target: WizardStep, from: WizardDraft) => {
    const params = new URLSearchParams({ step: target });
    if (from.organization) params.set("org", from.organization.toLowerCase());
    if (from.project) params.set("project", from.project);
    return `${pathname}?${params.toString()}`;
  };

  // Keep the URL saying where the operator is (a clamped step, or a draft resumed from storage).
  const wanted = urlFor(step, draft);
  const current = `${pathname}?${searchParams.toString()}`;
  useEffect(() => {
    if (wanted !== current) router.replace(wanted, { scroll: false });
  }, [wanted, current, router]);

  function go(target: WizardStep, next: WizardDraft = draft) {
    const prepared = target === "repositories" && next.rows.length === 0 ? { ...next, rows: [newRow()] } : next;
    setDraft(prepared);
    setShowErrors(false);
    router.push(urlFor(target, prepared), { scroll: false });
  }

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
    const target = { ...from, areaPath: answer.data.areaPath ?? areaPath };
    setDraft({ ...target, validation: { signature: validationSignature(target), result: answer.data }, saved: null });
  }

  // The review runs the checks by itself once the area paths are known (or could not be listed).
  const areasSettled = areas.status !== "loading";
  useEffect(() => {
    if (step !== "review" || stored || running || validationProblem || !areasSettled || autoRun.current === signature) return;
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
      setShowErrors(true);
      return;
    }
    const target = wizardSteps[index + 1];
    if (target) go(target);
  }
  const back = index > 0 ? () => go(wizardSteps[index - 1] as WizardStep) : undefined;

  function fillFromUrl(parsed: ParsedRepositoryUrl) {
    const parts = [`organization ${parsed.organization}`, `project ${parsed.project}`, `${parsed.kind === "wiki" ? "wiki" : "repository"} ${parsed.repository}`];
    if (parsed.branch) parts.push(`branch ${parsed.branch}`);
    setDraft({
      ...emptyDraft(),
      platformChosen: true,
      organization: parsed.organization,
      project: parsed.project,
      rows: [newRow(parsed.repository, parsed.branch ?? "")],
      filledFrom: parts.join(", "),
    });
  }

  function startOver(keepPlace: boolean) {
    if (!keepPlace) {
      go("platform", resetDraft());
      return;
    }
    go("repositories", { ...draft, rows: [], validation: null, saved: null, filledFrom: null });
  }

  // Once saved, going back would only offer to save the same repositories again.
  const finished = step === "save" && draft.saved !== null && draft.saved.every((entry) => entry.outcome !== "failed");
  const moved = shownStep !== null && shownStep !== step;
  useEffect(() => {
    shownStep = step;
  }, [step]);
  const frame = { index, total: wizardSteps.length, focusHeading: moved, onBack: back };
  const canNext = stepDone(step, draft, connector);

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
          <PlatformStep chosen={draft.platformChosen} onChoose={() => setDraft({ ...draft, platformChosen: true })} />
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
          <OrganizationStep
            adoHost={adoHost}
            organization={draft.organization}
            filledFrom={draft.filledFrom}
            showErrors={showErrors}
            onChange={(organization) =>
              setDraft(organization.toLowerCase() === draft.organization.toLowerCase() ? { ...draft, organization } : { ...emptyDraft(), platformChosen: true, organization })
            }
            onFill={fillFromUrl}
          />
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
          <ProjectStep
            organization={draft.organization}
            projects={projects}
            onReload={projects.reload}
            project={draft.project}
            onChange={(project) => setDraft(project.toLowerCase() === (draft.project ?? "").toLowerCase() ? { ...draft, project } : { ...draft, project, rows: [], validation: null, saved: null })}
          />
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
            rows={draft.rows}
            onRowsChange={(rows) => setDraft({ ...draft, rows, validation: null, saved: null })}
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
          <ReviewStep
            organization={draft.organization}
            project={draft.project}
            areas={areas}
            areaPath={draft.areaPath}
            onAreaChange={(areaPath) => setDraft({ ...draft, areaPath })}
            validation={validation}
            onRun={() => void runValidation()}
          />
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
          <SaveStep
            connectorId={connector.id}
            project={draft.project}
            rows={draft.rows}
            validation={stored}
            saved={draft.saved}
            onSaved={(saved) => setDraft({ ...draft, saved })}
            onStartOver={() => startOver(true)}
          />
        </StepFrame>
      ) : null}
      {index > 0 && !finished ? (
        <p className="mt-4 text-sm text-slate-600">
          Your place is kept in this tab, so a reload or a sign-in window does not lose it.{" "}
          <button type="button" className="font-medium text-indigo-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-600" onClick={() => startOver(false)}>
            Start over
          </button>
        </p>
      ) : null}
    </div>
  );
}
