"use client";
// The wizard's state in one reducer, its step from the URL. A navigation (every step change, and
// the URL catching up with the organization) renders the page, and so the wizard, anew: the state
// is saved to this tab's sessionStorage after every change and read back when the wizard mounts,
// before the browser paints.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useLayoutEffect, useReducer } from "react";
import { newRow, type WizardDraft, type WizardStep } from "@/lib/client/wizard-draft";
import type { ConnectorDto } from "@/lib/schemas/connector";
import { loadNameRules, useNameRulesState } from "./name-rules-loader";
import { isWizardStep, stepToShow } from "./wizard-progress";
import type { SavedWizardState } from "@/lib/client/wizard-draft-schema";
import { initialWizardState, savedWizardState, WIZARD_STORAGE_KEY, wizardReducer, type WizardAction } from "./wizard-state";

/** The JSON this page wrote last. A later mount in the same page load reads back what the wizard itself made. */
let written: string | null = null;

function readSaved(): string | null {
  try {
    return window.sessionStorage.getItem(WIZARD_STORAGE_KEY);
  } catch {
    return null;
  }
}

function writeSaved(value: SavedWizardState): void {
  const json = JSON.stringify(value);
  written = json;
  try {
    window.sessionStorage.setItem(WIZARD_STORAGE_KEY, json);
  } catch {
    // Storage full or disabled (private mode): the wizard still works, it just won't resume.
  }
}

/** A state saved by an earlier page load (a reload, the sign-in popup), checked with the draft's schema, loaded now. */
async function checkSaved(raw: string): Promise<SavedWizardState | null> {
  try {
    const saved = JSON.parse(raw) as unknown;
    // A resumed draft names an organization: its naming rules come along (if they fail, the wizard says so).
    const [{ checkSavedWizardState }] = await Promise.all([import("@/lib/client/wizard-draft-schema"), loadNameRules().catch(() => undefined)]);
    return checkSavedWizardState(saved);
  } catch {
    // Not JSON, or the check could not be loaded: start afresh rather than resume something unchecked.
    return null;
  }
}

export function useWizard({ serverOrganization, connector: serverConnector }: { serverOrganization: string | null; connector: ConnectorDto | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [state, dispatch] = useReducer(wizardReducer, undefined, initialWizardState);
  const { draft } = state;
  const rules = useNameRulesState();

  // Read the tab's saved state once per mount; the URL of the page load decides what it resumes.
  // The wizard's own state of this page load is taken back at once; one from an earlier load is
  // checked first (the placeholder stays meanwhile), and a first visit has none to check.
  useLayoutEffect(() => {
    const url = { step: searchParams.get("step"), org: searchParams.get("org"), project: searchParams.get("project") };
    const restore = (saved: SavedWizardState | null) => dispatch({ type: "restore", saved, url, pageLoad: performance.timeOrigin });
    const raw = readSaved();
    if (raw === null) return restore(null);
    if (raw === written) return restore(JSON.parse(raw) as SavedWizardState);
    let mounted = true;
    void checkSaved(raw).then((saved) => {
      if (mounted) restore(saved);
    });
    return () => {
      mounted = false;
    };
    // Only the mount's URL counts: later URLs are the wizard's own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (state.restored) writeSaved(savedWizardState(state));
  }, [state]);

  // Past the platform the steps check names: their rules load once the platform is chosen. A draft
  // that names an organization waits for them (the placeholder stays); if they cannot be loaded,
  // the page's error panel says so and offers to try again.
  useEffect(() => {
    if (draft.platformChosen) loadNameRules().catch(() => undefined);
  }, [draft.platformChosen]);
  const waitingForRules = rules !== "loaded" && draft.organization.trim() !== "";
  if (waitingForRules && rules === "failed" && state.restored) throw new Error("The wizard's checks could not be loaded. Check the connection to the portal and reload the page.");
  const restored = state.restored && !waitingForRules;

  // The server resolved the connector for the URL's organization; until the URL catches up with the draft it is unknown.
  const resolving = serverOrganization !== draft.organization.toLowerCase();
  const connector = resolving ? null : serverConnector;
  const requested = searchParams.get("step");
  const step = restored ? stepToShow(isWizardStep(requested) ? requested : null, state.shownStep, draft, connector) : "platform";

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
    if (restored && wanted !== current) router.replace(wanted, { scroll: false });
  }, [restored, wanted, current, router]);

  // The step on screen is remembered, so the next one (in a wizard rendered anew) knows it moved.
  const moved = state.shownStep !== null && state.shownStep !== step;
  useEffect(() => {
    if (restored) dispatch({ type: "shown", step });
  }, [restored, step]);

  /** Changes the state (when given an action) and opens the step: a new history entry, so Back works. */
  function go(target: WizardStep, change?: WizardAction) {
    const actions: WizardAction[] = [...(change ? [change] : []), { type: "goTo", step: target, row: newRow() }];
    const next = actions.reduce(wizardReducer, state);
    for (const action of actions) dispatch(action);
    router.push(urlFor(target, next.draft), { scroll: false });
  }

  return { state, draft, dispatch, restored, step, moved, connector, resolving, go };
}
