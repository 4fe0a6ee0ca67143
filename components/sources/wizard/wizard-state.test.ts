import { describe, expect, it } from "vitest";
import { emptyDraft, newRow, validationSignature, type WizardDraft } from "@/lib/client/wizard-draft";
import { checkSavedWizardState } from "@/lib/client/wizard-draft-schema";
import type { PermissionValidationDto } from "@/lib/schemas/permission-check";
import { initialWizardState, savedWizardState, wizardReducer, type WizardAction, type WizardState, type WizardUrl } from "./wizard-state";

const LOAD = 1_764_583_200_000.5;
const noUrl: WizardUrl = { step: null, org: null, project: null };
const row = (repository: string, branch = "") => ({ ...newRow(repository, branch), key: `row-${repository}` });

const ready = (draft: Partial<WizardDraft> = {}, extra: Partial<WizardState> = {}): WizardState => ({
  ...initialWizardState(),
  restored: true,
  pageLoad: LOAD,
  draft: { ...emptyDraft(), ...draft },
  ...extra,
});

const inProject = (): WizardState =>
  ready({
    platformChosen: true,
    organization: "litware",
    project: "Payments",
    rows: [row("payments-api")],
    areaPath: "Payments\\Team",
    validation: { signature: "old", result: {} },
    saved: [{ repository: "payments-api", outcome: "failed", sourceId: null, message: "timed out", missing: [] }],
  });

const reduce = (state: WizardState, ...actions: WizardAction[]) => actions.reduce(wizardReducer, state);

/** The JSON the wizard writes to sessionStorage, read back. */
const roundTrip = (state: WizardState): unknown => JSON.parse(JSON.stringify(savedWizardState(state)));

describe("wizardReducer: restoring the tab's saved state", () => {
  it("starts at the initial state, not yet restored", () => {
    expect(initialWizardState()).toEqual({ restored: false, pageLoad: null, shownStep: null, showErrors: false, draft: emptyDraft() });
  });

  it.each([
    ["nothing saved", null],
    ["garbage", "{not json"],
    ["a number", 42],
    ["an older version (the version 1 draft)", { ...emptyDraft(), version: 1, organization: "litware", platformChosen: true }],
    ["an older version number with this shape", { version: 1, pageLoad: LOAD, shownStep: "project", draft: { ...emptyDraft(), organization: "litware" } }],
    ["a newer version", { version: 3, pageLoad: LOAD, shownStep: "project", draft: { ...emptyDraft(), organization: "litware" } }],
    ["a field of the wrong type", { version: 2, pageLoad: LOAD, shownStep: "project", draft: { ...emptyDraft(), organization: 7 } }],
    ["an unknown step", { version: 2, pageLoad: LOAD, shownStep: "payment", draft: emptyDraft() }],
    ["too many rows", { version: 2, pageLoad: LOAD, shownStep: null, draft: { ...emptyDraft(), rows: Array.from({ length: 21 }, (_, index) => row(`r${index}`)) } }],
  ])("%s falls back to the initial draft", (_label, saved) => {
    const state = wizardReducer(initialWizardState(), { type: "restore", saved: checkSavedWizardState(saved), url: noUrl, pageLoad: LOAD });
    expect(state).toEqual({ restored: true, pageLoad: LOAD, shownStep: null, showErrors: false, draft: emptyDraft() });
  });

  it("a state saved in this page load is taken as it is, with the step shown last (the wizard was rendered anew)", () => {
    const saved = roundTrip({ ...inProject(), shownStep: "repositories" });
    const state = wizardReducer(initialWizardState(), { type: "restore", saved: checkSavedWizardState(saved), url: { step: "review", org: "contoso", project: null }, pageLoad: LOAD });
    expect(state).toEqual({ ...inProject(), shownStep: "repositories" });
  });

  it("after a reload the draft is resumed, but no step counts as shown (the heading is not focused)", () => {
    const saved = roundTrip({ ...inProject(), shownStep: "repositories" });
    const state = wizardReducer(initialWizardState(), { type: "restore", saved: checkSavedWizardState(saved), url: { step: "repositories", org: "litware", project: "Payments" }, pageLoad: LOAD + 1 });
    expect(state).toEqual({ ...inProject(), pageLoad: LOAD + 1, shownStep: null });
  });

  it("a new load whose URL names another organization starts a draft for it", () => {
    const state = wizardReducer(initialWizardState(), {
      type: "restore",
      saved: checkSavedWizardState(roundTrip(inProject())),
      url: { step: "auth", org: "Contoso", project: null },
      pageLoad: LOAD + 1,
    });
    expect(state.draft).toEqual({ ...emptyDraft(), platformChosen: true, organization: "contoso" });
  });

  it("a new load whose URL names another project keeps the organization and drops rows, validation and outcome", () => {
    const state = wizardReducer(initialWizardState(), {
      type: "restore",
      saved: checkSavedWizardState(roundTrip(inProject())),
      url: { step: "project", org: "litware", project: "Treasury" },
      pageLoad: LOAD + 1,
    });
    expect(state.draft).toEqual({ ...inProject().draft, project: "Treasury", rows: [], validation: null, saved: null });
  });

  it("a draft whose sources were all saved starts afresh on a new load, unless the URL is the save step", () => {
    const done = { ...inProject(), draft: { ...inProject().draft, saved: [{ repository: "payments-api", outcome: "ready" as const, sourceId: "s1", message: null, missing: [] }] } };
    const elsewhere = wizardReducer(initialWizardState(), { type: "restore", saved: checkSavedWizardState(roundTrip(done)), url: noUrl, pageLoad: LOAD + 1 });
    expect(elsewhere.draft).toEqual(emptyDraft());
    const onSave = wizardReducer(initialWizardState(), {
      type: "restore",
      saved: checkSavedWizardState(roundTrip(done)),
      url: { step: "save", org: "litware", project: "Payments" },
      pageLoad: LOAD + 1,
    });
    expect(onSave.draft).toEqual(done.draft);
  });

  it("what is saved holds names only: the version, the page load, the step shown and the draft", () => {
    expect(savedWizardState({ ...inProject(), showErrors: true, shownStep: "review" })).toEqual({ version: 2, pageLoad: LOAD, shownStep: "review", draft: inProject().draft });
  });
});

describe("wizardReducer: the operator's changes", () => {
  it("choosing the platform", () => {
    expect(wizardReducer(ready(), { type: "choosePlatform" }).draft).toEqual({ ...emptyDraft(), platformChosen: true });
  });

  it("the same organization in other letters keeps the draft; another organization starts afresh", () => {
    expect(wizardReducer(inProject(), { type: "changeOrganization", organization: "Litware" }).draft).toEqual({ ...inProject().draft, organization: "Litware" });
    expect(wizardReducer(inProject(), { type: "changeOrganization", organization: "contoso" }).draft).toEqual({ ...emptyDraft(), platformChosen: true, organization: "contoso" });
  });

  it("a pasted URL fills organization, project, one row and says what it filled", () => {
    const state = wizardReducer(inProject(), {
      type: "fillFromUrl",
      parsed: { organization: "litware", project: "Payments", repository: "payments-web", branch: "release/2025", kind: "git", path: null },
      row: row("ignored"),
    });
    expect(state.draft).toEqual({
      ...emptyDraft(),
      platformChosen: true,
      organization: "litware",
      project: "Payments",
      rows: [{ ...row("ignored"), repository: "payments-web", displayName: "payments-web", branch: "release/2025" }],
      filledFrom: "organization litware, project Payments, repository payments-web, branch release/2025",
    });
    const wiki = wizardReducer(ready(), {
      type: "fillFromUrl",
      parsed: { organization: "litware", project: "Payments", repository: "Payments.wiki", branch: null, kind: "wiki", path: null },
      row: row("x"),
    });
    expect(wiki.draft.filledFrom).toBe("organization litware, project Payments, wiki Payments.wiki");
  });

  it("the same project keeps the rows; another project drops rows, validation and outcome", () => {
    expect(wizardReducer(inProject(), { type: "chooseProject", project: "payments" }).draft).toEqual({ ...inProject().draft, project: "payments" });
    expect(wizardReducer(inProject(), { type: "chooseProject", project: "Treasury" }).draft).toEqual({ ...inProject().draft, project: "Treasury", rows: [], validation: null, saved: null });
  });

  it("changed rows void the validation and the outcome", () => {
    const rows = [row("payments-api"), row("payments-web")];
    expect(wizardReducer(inProject(), { type: "changeRows", rows }).draft).toEqual({ ...inProject().draft, rows, validation: null, saved: null });
  });

  it("choosing an area keeps the validation, whose signature then no longer matches", () => {
    const state = wizardReducer(inProject(), { type: "chooseArea", areaPath: "Payments" });
    expect(state.draft).toEqual({ ...inProject().draft, areaPath: "Payments" });
  });

  it("a validation is stored with what it covered (the area the server judged) and voids the outcome", () => {
    const result = { areaPath: "Payments\\Ops", capabilities: [] } as unknown as PermissionValidationDto;
    const state = wizardReducer(inProject(), { type: "validated", areaPath: "Payments\\Ops", result });
    const target = { ...inProject().draft, areaPath: "Payments\\Ops" };
    expect(state.draft).toEqual({ ...target, validation: { signature: validationSignature(target), result }, saved: null });
  });

  it("the save's outcome is kept per repository", () => {
    const saved = [{ repository: "payments-api", outcome: "draft" as const, sourceId: "s1", message: null, missing: ["Contribute"] }];
    expect(wizardReducer(inProject(), { type: "saved", saved }).draft).toEqual({ ...inProject().draft, saved });
  });

  it("errors are shown after Next on an incomplete step, and hidden again on the next step", () => {
    const shown = wizardReducer(ready(), { type: "showErrors" });
    expect(shown.showErrors).toBe(true);
    expect(wizardReducer(shown, { type: "goTo", step: "organization", row: row("x") }).showErrors).toBe(false);
  });

  it("the step shown last is remembered", () => {
    expect(reduce(ready(), { type: "shown", step: "auth" }, { type: "shown", step: "project" }).shownStep).toBe("project");
  });

  it("going to the repositories step without rows adds one empty row; with rows, or to another step, the rows stay", () => {
    const empty = { ...newRow(), key: "row-empty" };
    const none = ready({ organization: "litware", project: "Payments" });
    expect(wizardReducer(none, { type: "goTo", step: "repositories", row: empty }).draft.rows).toEqual([empty]);
    expect(wizardReducer(none, { type: "goTo", step: "review", row: empty }).draft.rows).toEqual([]);
    expect(wizardReducer(inProject(), { type: "goTo", step: "repositories", row: empty }).draft.rows).toEqual(inProject().draft.rows);
  });

  it("starting over empties the draft", () => {
    expect(wizardReducer({ ...inProject(), showErrors: true }, { type: "startOver" })).toEqual({ ...inProject(), showErrors: false, draft: emptyDraft() });
  });

  it("adding more after a save keeps organization, project and area, with one new row", () => {
    const fresh = { ...newRow(), key: "row-fresh" };
    const state = wizardReducer({ ...inProject(), draft: { ...inProject().draft, filledFrom: "organization litware" } }, { type: "addMore", row: fresh });
    expect(state.draft).toEqual({ ...inProject().draft, rows: [fresh], validation: null, saved: null, filledFrom: null });
  });

  it("never changes the state it was given", () => {
    const before = inProject();
    const frozen = JSON.stringify(before);
    reduce(before, { type: "changeRows", rows: [] }, { type: "startOver" }, { type: "showErrors" }, { type: "chooseProject", project: "Treasury" });
    expect(JSON.stringify(before)).toBe(frozen);
  });
});
