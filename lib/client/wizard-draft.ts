// The "Add repository" wizard's draft in sessionStorage, so a reload, the OAuth popup or a visit
// to the connector page brings the operator back to the same step with the same rows. The step,
// organization and project are also in the URL (shareable, and the server page derives the
// connector from the organization); the rest lives here. sessionStorage is per tab and is
// cleared with it; nothing secret is ever stored (names only: no PAT, no token).
// The draft is also a small external store (useSyncExternalStore): a navigation that renders
// the wizard anew must not lose an edit made while it was in flight.
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

const draftSchema = z.object({
  version: z.literal(1),
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

const STORAGE_KEY = "tenantbridge.add-repository.v1";

export const emptyDraft = (): WizardDraft => ({
  version: 1,
  platformChosen: false,
  organization: "",
  project: null,
  rows: [],
  areaPath: null,
  filledFrom: null,
  validation: null,
  saved: null,
});

let rowCounter = 0;
export function newRow(repository = "", branch = ""): RepositoryRow {
  rowCounter += 1;
  return { key: `row-${Date.now().toString(36)}-${rowCounter}`, repository, displayName: repository, displayNameEdited: false, description: "", branch };
}

/** The draft of this tab, or an empty one when there is none or it does not parse (an older shape). */
export function loadDraft(storage: Pick<Storage, "getItem"> = window.sessionStorage): WizardDraft {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return emptyDraft();
    const parsed = draftSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : emptyDraft();
  } catch {
    return emptyDraft();
  }
}

export function saveDraft(draft: WizardDraft, storage: Pick<Storage, "setItem"> = window.sessionStorage): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or disabled (private mode): the wizard still works, it just won't resume.
  }
}

export function clearDraft(storage: Pick<Storage, "removeItem"> = window.sessionStorage): void {
  try {
    storage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to clear.
  }
}

/** What a validation covered; a result is reused only while project, repositories and area path are the same. */
export function validationSignature(draft: Pick<WizardDraft, "organization" | "project" | "rows" | "areaPath">): string {
  const repositories = draft.rows
    .map((row) => row.repository.toLowerCase())
    .filter(Boolean)
    .sort();
  return JSON.stringify([draft.organization.toLowerCase(), draft.project?.toLowerCase() ?? "", repositories, draft.areaPath ?? ""]);
}

// The store: one parsed draft per tab, written through to sessionStorage on every change.
let current: WizardDraft | null = null;
const listeners = new Set<() => void>();
const serverSnapshot = emptyDraft();

export function getDraftSnapshot(): WizardDraft {
  current ??= loadDraft();
  return current;
}

export const getServerDraftSnapshot = () => serverSnapshot;

export function subscribeDraft(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setDraft(next: WizardDraft): void {
  current = next;
  saveDraft(next);
  for (const listener of listeners) listener();
}

export function resetDraft(): WizardDraft {
  clearDraft();
  current = emptyDraft();
  for (const listener of listeners) listener();
  return current;
}
