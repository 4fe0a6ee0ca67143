// The schema of the "Add repository" wizard's draft, which types it and checks a draft read back
// from sessionStorage (stale or tampered entries fail the check). Only the check of a saved draft
// imports it as a value, when there is one to read, so a first visit does not load it.
import { z } from "zod";
import { wizardSteps } from "./wizard-draft";

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

/** What the wizard saves in sessionStorage: the draft, the page load it belongs to and the step shown last. */
const savedWizardStateSchema = z.object({
  version: z.literal(2),
  pageLoad: z.number(),
  shownStep: z.enum(wizardSteps).nullable(),
  draft: draftSchema,
});
export type SavedWizardState = z.infer<typeof savedWizardStateSchema>;

/** A saved state read back, or null when it is of another version or does not parse (the wizard then starts afresh). */
export function checkSavedWizardState(saved: unknown): SavedWizardState | null {
  const parsed = savedWizardStateSchema.safeParse(saved);
  return parsed.success ? parsed.data : null;
}
