// The wizard's naming rules (name-rules.ts, the server's schemas) are loaded once the operator has
// chosen the platform or a saved draft is resumed, not with the first step, which needs none of
// them. The checks that use them (wizard-progress, repository-url) read them synchronously: the
// wizard shows its placeholder while a draft that names an organization waits for them.
import { useSyncExternalStore } from "react";

export type NameRules = typeof import("./name-rules");

let rules: NameRules | null = null;
let failure: unknown = null;
let loading: Promise<NameRules> | null = null;
const listeners = new Set<() => void>();

/** Loads the rules (once; a failed load is tried again at the next call). */
export function loadNameRules(): Promise<NameRules> {
  loading ??= import("./name-rules").then(
    (module) => {
      rules = module;
      failure = null;
      listeners.forEach((listener) => listener());
      return module;
    },
    (error: unknown) => {
      loading = null;
      failure = error;
      listeners.forEach((listener) => listener());
      throw error;
    },
  );
  return loading;
}

/** The loaded rules; a check that runs before they are loaded is a defect of the wizard's gating. */
export function nameRules(): NameRules {
  if (!rules) throw new Error("The wizard checked a name before its naming rules were loaded.");
  return rules;
}

export const nameRulesLoaded = (): boolean => rules !== null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => (rules ? "loaded" : failure ? "failed" : "pending");

/** Whether the rules are loaded, failed to load (the last attempt), or still pending; re-renders when that changes. */
export function useNameRulesState(): "loaded" | "failed" | "pending" {
  return useSyncExternalStore(subscribe, snapshot, () => "pending");
}
