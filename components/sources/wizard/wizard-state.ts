// The "Add repository" wizard's state and every change to it, as one pure reducer. The step is
// not here: it is the URL's (`?step=`, with the organization and project), so Back, Forward and
// a shared link work. The state is saved in this tab's sessionStorage under one versioned key, so
// a reload or the sign-in popup resumes where the operator was; a saved state of another version,
// or one that does not parse, is dropped for the initial state (checkSavedWizardState, before
// the state is handed to "restore").
import { emptyDraft, validationSignature, type RepositoryRow, type SavedRow, type WizardDraft, type WizardStep } from "@/lib/client/wizard-draft";
import type { SavedWizardState } from "@/lib/client/wizard-draft-schema";
import type { PermissionValidationDto } from "@/lib/schemas/permission-check";
import type { ParsedRepositoryUrl } from "./repository-url";

export const WIZARD_STORAGE_KEY = "tenantbridge.add-repository.v2";

export type WizardState = {
  /** False until the tab's saved state was read (the wizard shows a placeholder meanwhile). */
  restored: boolean;
  /** The page load the state belongs to: the URL decides once per load, not on every navigation. */
  pageLoad: number | null;
  /** The step shown last, so a step opened by a navigation moves the focus to its heading. */
  shownStep: WizardStep | null;
  /** The operator pressed Next on an incomplete step: the fields say what is missing. */
  showErrors: boolean;
  draft: WizardDraft;
};

/** What the URL of the page load says (the step, organization and project). */
export type WizardUrl = { step: string | null; org: string | null; project: string | null };

export type WizardAction =
  /** The saved state as checkSavedWizardState read it back: null when there was none or it did not pass. */
  | { type: "restore"; saved: SavedWizardState | null; url: WizardUrl; pageLoad: number }
  | { type: "choosePlatform" }
  | { type: "changeOrganization"; organization: string }
  | { type: "fillFromUrl"; parsed: ParsedRepositoryUrl; row: RepositoryRow }
  | { type: "chooseProject"; project: string }
  | { type: "changeRows"; rows: RepositoryRow[] }
  | { type: "chooseArea"; areaPath: string }
  | { type: "validated"; areaPath: string | null; result: PermissionValidationDto }
  | { type: "saved"; saved: SavedRow[] }
  | { type: "showErrors" }
  | { type: "shown"; step: WizardStep }
  /** Going to a step: its errors are hidden until Next; the repositories step starts with one row. */
  | { type: "goTo"; step: WizardStep; row: RepositoryRow }
  | { type: "startOver" }
  /** After saving: more repositories of the same project, with the same connector. */
  | { type: "addMore"; row: RepositoryRow };

export const initialWizardState = (): WizardState => ({ restored: false, pageLoad: null, shownStep: null, showErrors: false, draft: emptyDraft() });

/** What is saved in sessionStorage: names only, never a secret. */
export const savedWizardState = (state: WizardState): SavedWizardState => ({ version: 2, pageLoad: state.pageLoad ?? 0, shownStep: state.shownStep, draft: state.draft });

/**
 * The state for a mount of the wizard. Within the same page load the saved state is taken as it
 * is (a navigation rendered the wizard anew). On a new load the URL wins when it names another
 * organization or project (a shared link), and a draft whose sources were all saved starts afresh.
 */
function restore(stored: SavedWizardState | null, url: WizardUrl, pageLoad: number): WizardState {
  if (stored && stored.pageLoad === pageLoad) return { restored: true, pageLoad, shownStep: stored.shownStep, showErrors: false, draft: stored.draft };
  let draft = stored?.draft ?? emptyDraft();
  const done = draft.saved !== null && draft.saved.every((entry) => entry.outcome !== "failed") && url.step !== "save";
  if (done) draft = emptyDraft();
  const organization = url.org?.toLowerCase() ?? null;
  if (organization !== null && organization !== draft.organization.toLowerCase()) draft = { ...emptyDraft(), platformChosen: true, organization };
  const project = url.project;
  if (project !== null && project.toLowerCase() !== (draft.project ?? "").toLowerCase()) draft = { ...draft, project, rows: [], validation: null, saved: null };
  return { restored: true, pageLoad, shownStep: null, showErrors: false, draft };
}

function changeDraft(state: WizardState, draft: WizardDraft): WizardState {
  return { ...state, draft };
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  const { draft } = state;
  switch (action.type) {
    case "restore":
      return restore(action.saved, action.url, action.pageLoad);
    case "choosePlatform":
      return changeDraft(state, { ...draft, platformChosen: true });
    case "changeOrganization":
      // Another organization is another connector: nothing chosen for the previous one applies.
      return changeDraft(
        state,
        action.organization.toLowerCase() === draft.organization.toLowerCase()
          ? { ...draft, organization: action.organization }
          : { ...emptyDraft(), platformChosen: true, organization: action.organization },
      );
    case "fillFromUrl": {
      const { parsed } = action;
      const parts = [`organization ${parsed.organization}`, `project ${parsed.project}`, `${parsed.kind === "wiki" ? "wiki" : "repository"} ${parsed.repository}`];
      if (parsed.branch) parts.push(`branch ${parsed.branch}`);
      return changeDraft(state, {
        ...emptyDraft(),
        platformChosen: true,
        organization: parsed.organization,
        project: parsed.project,
        rows: [{ ...action.row, repository: parsed.repository, displayName: parsed.repository, displayNameEdited: false, branch: parsed.branch ?? "" }],
        filledFrom: parts.join(", "),
      });
    }
    case "chooseProject":
      return changeDraft(
        state,
        action.project.toLowerCase() === (draft.project ?? "").toLowerCase() ? { ...draft, project: action.project } : { ...draft, project: action.project, rows: [], validation: null, saved: null },
      );
    case "changeRows":
      return changeDraft(state, { ...draft, rows: action.rows, validation: null, saved: null });
    case "chooseArea":
      return changeDraft(state, { ...draft, areaPath: action.areaPath });
    case "validated": {
      const target = { ...draft, areaPath: action.areaPath };
      return changeDraft(state, { ...target, validation: { signature: validationSignature(target), result: action.result }, saved: null });
    }
    case "saved":
      return changeDraft(state, { ...draft, saved: action.saved });
    case "showErrors":
      return state.showErrors ? state : { ...state, showErrors: true };
    case "shown":
      return state.shownStep === action.step ? state : { ...state, shownStep: action.step };
    case "goTo":
      return { ...state, showErrors: false, draft: action.step === "repositories" && draft.rows.length === 0 ? { ...draft, rows: [action.row] } : draft };
    case "startOver":
      return { ...state, showErrors: false, draft: emptyDraft() };
    case "addMore":
      return { ...state, showErrors: false, draft: { ...draft, rows: [action.row], validation: null, saved: null, filledFrom: null } };
  }
}

/** What the steps are handed to change the state. */
export type WizardDispatch = (action: WizardAction) => void;
