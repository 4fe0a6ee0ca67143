// The "Add repository" wizard's draft: what the operator chose so far. The step, organization
// and project are also in the URL (shareable, and the server page derives the connector from the
// organization); the wizard's reducer keeps the rest and saves it in this tab's sessionStorage
// (components/sources/wizard/wizard-state.ts). Nothing secret is ever in it (names only: no
// PAT, no token).
// The draft's shape is checked only when a saved draft is read back (wizard-draft-schema.ts, loaded
// then); this module holds what every step needs, without the schema library.
import type { RepositoryRow, WizardDraft } from "./wizard-draft-schema";

export type { RepositoryRow, SavedRow, WizardDraft } from "./wizard-draft-schema";

export const wizardSteps = ["platform", "organization", "auth", "project", "repositories", "review", "save"] as const;
export type WizardStep = (typeof wizardSteps)[number];

export const wizardStepLabels: Record<WizardStep, string> = {
  platform: "Platform",
  organization: "Organization",
  auth: "Sign-in",
  project: "Project",
  repositories: "Repositories",
  review: "Review",
  save: "Save",
};

export const emptyDraft = (): WizardDraft => ({
  platformChosen: false,
  organization: "",
  project: null,
  rows: [],
  areaPath: null,
  filledFrom: null,
  validation: null,
  saved: null,
});

/** A new row; its key is unique within the tab (React keys and the rows' form ids). */
export function newRow(repository = "", branch = ""): RepositoryRow {
  const random = Math.random().toString(36).slice(2, 10);
  return { key: `row-${Date.now().toString(36)}-${random}`, repository, displayName: repository, displayNameEdited: false, description: "", branch };
}

/** What a validation covered; a result is reused only while project, repositories and area path are the same. */
export function validationSignature(draft: Pick<WizardDraft, "organization" | "project" | "rows" | "areaPath">): string {
  const repositories = draft.rows
    .map((row) => row.repository.toLowerCase())
    .filter(Boolean)
    .sort();
  return JSON.stringify([draft.organization.toLowerCase(), draft.project?.toLowerCase() ?? "", repositories, draft.areaPath ?? ""]);
}
