// Which steps of the "Add repository" wizard are done, and how far the operator may go. A URL
// that names a later step than the draft allows (a shared link, an old tab) lands on the first
// step that still needs something, never on a step whose inputs are missing.
import { validationSignature, wizardSteps, type RepositoryRow, type WizardDraft, type WizardStep } from "@/lib/client/wizard-draft";
import type { ConnectorDto } from "@/lib/schemas/connector";
import { nameRules } from "./name-rules-loader";

/** The ADO naming rules as a sentence, or null when the name is valid. */
export function organizationProblem(value: string): string | null {
  if (!value.trim()) return "Enter the organization: the part after dev.azure.com/.";
  const parsed = nameRules().adoOrganizationSchema.safeParse(value);
  return parsed.success ? null : `The organization name ${parsed.error.issues[0]?.message ?? "is not valid"}.`;
}

/** Whether the connector has a credential to try: the checks in later steps say whether it works. */
export function credentialReady(connector: ConnectorDto): boolean {
  switch (connector.authMethod) {
    case "oauth":
      return connector.oauth.configured && connector.status !== "needs_signin";
    case "pat":
      return connector.pat.configured;
    case "mi_fic":
      return Boolean(connector.agentTenantId && connector.miClientId && connector.miPrincipalId && connector.appClientId && connector.targetTenantId);
    case "managed_identity":
      return Boolean(connector.miClientId);
  }
}

export type RowProblems = { repository?: string; displayName?: string; branch?: string; description?: string };

/** Per-row problems with the same schemas the server applies, plus duplicates within the wizard. */
export function rowProblems(rows: RepositoryRow[]): RowProblems[] {
  const seen = new Map<string, number>();
  return rows.map((row, index) => {
    const problems: RowProblems = {};
    const repository = nameRules().adoRepositoryNameSchema.safeParse(row.repository);
    if (!row.repository) problems.repository = "Choose a repository.";
    else if (!repository.success) problems.repository = `The repository name ${repository.error.issues[0]?.message ?? "is not valid"}.`;
    else {
      const key = row.repository.toLowerCase();
      if (seen.has(key)) problems.repository = `Already added in row ${(seen.get(key) ?? 0) + 1}.`;
      else seen.set(key, index);
    }
    if (!row.displayName.trim()) problems.displayName = "Enter a display name.";
    else if (row.displayName.trim().length > 100) problems.displayName = "The display name must be at most 100 characters.";
    if (row.description.length > 500) problems.description = "The description must be at most 500 characters.";
    if (row.branch.trim()) {
      const branch = nameRules().branchSchema.safeParse(row.branch);
      if (!branch.success) problems.branch = `The branch ${branch.error.issues[0]?.message ?? "is not valid"}.`;
    }
    return problems;
  });
}

export const rowsValid = (rows: RepositoryRow[]) => rows.length > 0 && rowProblems(rows).every((problems) => Object.keys(problems).length === 0);

export function stepDone(step: WizardStep, draft: WizardDraft, connector: ConnectorDto | null): boolean {
  switch (step) {
    case "platform":
      return draft.platformChosen;
    case "organization":
      return organizationProblem(draft.organization) === null;
    case "auth":
      return connector !== null && connector.organization === draft.organization.toLowerCase() && credentialReady(connector);
    case "project":
      return Boolean(draft.project);
    case "repositories":
      return rowsValid(draft.rows);
    case "review":
      return draft.validation !== null && draft.validation.signature === validationSignature(draft);
    case "save":
      return draft.saved !== null;
  }
}

/** The first step that still needs something (save when everything before it is done). */
export function firstOpenStep(draft: WizardDraft, connector: ConnectorDto | null): WizardStep {
  return wizardSteps.find((step) => step !== "save" && !stepDone(step, draft, connector)) ?? "save";
}

/** The step to show for a requested one: itself when reachable, else the first open step. */
export function reachableStep(requested: WizardStep | null, draft: WizardDraft, connector: ConnectorDto | null): WizardStep {
  const open = firstOpenStep(draft, connector);
  if (!requested) return open;
  return wizardSteps.indexOf(requested) <= wizardSteps.indexOf(open) ? requested : open;
}

/**
 * The step to show. A URL that names a step decides (clamped to a reachable one). A URL without
 * one (the page load's, until the wizard's own replace lands) keeps the step on screen while it
 * is reachable, so a choice made meanwhile does not move the operator on by itself; only a page
 * load with no step shown yet opens the first open step.
 */
export function stepToShow(requested: WizardStep | null, shownStep: WizardStep | null, draft: WizardDraft, connector: ConnectorDto | null): WizardStep {
  return reachableStep(requested ?? shownStep, draft, connector);
}

export const isWizardStep = (value: string | null): value is WizardStep => value !== null && (wizardSteps as readonly string[]).includes(value);
