// The "Add repository" wizard's draft: what the operator chose so far. The step, organization
// and project are also in the URL (shareable, and the server page derives the connector from the
// organization); the wizard's reducer keeps the rest and saves it in this tab's sessionStorage
// (components/sources/wizard/wizard-state.ts). Nothing secret is ever in it (names only: no
// PAT, no token).
import { z } from "zod";

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

const rowSchema = z.object({
  key: z.string().max(40),
  repository: z.string().max(64),
  displayName: z.string().max(100),
  /** Once the operator edits the display name, picking another repository no longer overwrites it. */
  displayNameEdited: z.boolean(),
  description: z.string().max(500),
  branch: z.string().max(250),
});
export type RepositoryRow = z.infer<typeof rowSchema>;

const savedSchema = z.object({
  repository: z.string(),
  outcome: z.enum(["ready", "draft", "failed"]),
  sourceId: z.string().nullable(),
  message: z.string().nullable(),
  missing: z.array(z.string()),
});
export type SavedRow = z.infer<typeof savedSchema>;

export const draftSchema = z.object({
  platformChosen: z.boolean(),
  organization: z.string().max(60),
  project: z.string().max(64).nullable(),
  rows: z.array(rowSchema).max(20),
  areaPath: z.string().max(512).nullable(),
  /** "Filled from …": what a pasted URL set, shown until the operator changes the organization. */
  filledFrom: z.string().max(2048).nullable(),
  /** The review's validation run id and what it covered, so a reload shows it without re-running. */
  validation: z.object({ signature: z.string(), result: z.unknown() }).nullable(),
  saved: z.array(savedSchema).nullable(),
});
export type WizardDraft = z.infer<typeof draftSchema>;

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
