// A connector's status, derived in one place from what is stored: whether its method is set up,
// the chain test's verdict (counted only when it tested the method, settings and secrets stored
// now) and its knowledge sources' readiness. The stored `status` column is this function's result
// (written by lib/server/status/refresh-connector-status.ts) and every page shows it with the
// reason this function gives, so the header, the lists and /health cannot disagree.
import { authMethodLabels, type AuthMethod, type ConnectorKind, type ConnectorStatus } from "./connector";

/** The first knowledge source that is not ready for what it was added for, and how many are not. */
export type SourcesProblem = {
  count: number;
  total: number;
  sourceId: string;
  sourceName: string;
  /** What it cannot be used for, e.g. "Comment on work items and pull requests". */
  capability: string;
  /** The check that did not pass, with where to grant it. */
  check: string;
  fix: string | null;
};

export type StatusInputs = {
  kind: ConnectorKind;
  authMethod: AuthMethod;
  appClientId: string | null;
  targetTenantId: string | null;
  patSetAt: Date | string | null;
  oauthSetAt: Date | string | null;
  /** The chain test's own verdict, as last recorded. */
  chainStatus: string;
  /** The settings key the verdict is about (`<method>:<hash>`); null on verdicts from before keys were recorded. */
  checkedSettingsKey: string | null;
  /** The settings key of what is stored now (lib/server/status/settings-key.ts). */
  currentSettingsKey: string;
  sourcesProblem: SourcesProblem | null;
  /** Set while a managed identity setup is not proved yet: what its last proof found missing (the broker never serves it). */
  draftMissing?: string | null;
};

export type DerivedStatus = {
  status: ConnectorStatus;
  /** Why, in one sentence, when the status is not simply the chain test's verdict; null otherwise. */
  reason: string | null;
  /** What to do about it. */
  fix: string | null;
  /** What decided it: the setup, the chain test, or a knowledge source. */
  from: "setup" | "chain" | "sources";
};

const chainStatuses = new Set<string>(["unchecked", "draft", "healthy", "degraded", "unavailable", "failing", "needs_signin"]);

/** What the current method still lacks before it can be tested at all; null when it is set up. */
export function setupProblem(input: Pick<StatusInputs, "authMethod" | "appClientId" | "targetTenantId" | "patSetAt" | "oauthSetAt">): { reason: string; fix: string } | null {
  switch (input.authMethod) {
    case "pat":
      return input.patSetAt ? null : { reason: "No personal access token is saved for this connector yet.", fix: "Save a personal access token in the Personal access token panel." };
    case "oauth":
      return input.oauthSetAt ? null : { reason: "Nobody has signed in to Azure DevOps for this connector yet.", fix: "Sign in with the OAuth sign-in panel." };
    case "mi_fic":
      return input.appClientId && input.targetTenantId
        ? null
        : { reason: "The app and the target tenant of the federated credential are not set yet.", fix: "Complete the managed identity + federated credential assistant." };
    default:
      return null;
  }
}

const methodOfKey = (key: string): AuthMethod | null => {
  const method = key.split(":", 1)[0] as AuthMethod;
  return method in authMethodLabels ? method : null;
};

export function deriveConnectorStatus(input: StatusInputs): DerivedStatus {
  const setup = setupProblem(input);
  if (setup) return { status: "draft", ...setup, from: "setup" };
  // Proved before used: a setup saved without a passing chain test stays a draft until one passes.
  // Its failing test is of the current settings, so the connector page shows that run's hops.
  if (input.draftMissing) return { status: "draft", reason: input.draftMissing, fix: "Fix what is missing, then run the chain test: the connector is used once a test passes.", from: "chain" };

  // A verdict about another method, or about settings or secrets replaced since, does not count.
  const current = input.checkedSettingsKey === null || input.checkedSettingsKey === input.currentSettingsKey;
  if (!current) {
    const tested = methodOfKey(input.checkedSettingsKey!);
    const reason =
      tested && tested !== input.authMethod
        ? `Not checked with ${authMethodLabels[input.authMethod]} yet: the last test used ${authMethodLabels[tested]}.`
        : "Not checked since its settings or credential changed.";
    return { status: "unchecked", reason, fix: "Run the chain test, or wait for the next scheduled check.", from: "setup" };
  }
  const chain = (chainStatuses.has(input.chainStatus) ? input.chainStatus : "unchecked") as ConnectorStatus;
  if (chain !== "healthy" || input.kind !== "ado" || !input.sourcesProblem) return { status: chain, reason: null, fix: null, from: "chain" };

  const problem = input.sourcesProblem;
  const others = problem.count > 1 ? ` (and ${problem.count - 1} more of its ${problem.total} knowledge sources)` : "";
  return {
    status: "degraded",
    reason: `Knowledge source '${problem.sourceName}'${others} is not ready to ${lowerFirst(problem.capability)}: ${problem.check} did not pass.`,
    fix: problem.fix ?? "Grant the missing permission in Azure DevOps, then check the source again.",
    from: "sources",
  };
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The sources summary the status is derived from: the first source with a capability that did not pass. */
export function sourcesProblemOf(
  sources: readonly { id: string; displayName: string; readiness: { capabilities: readonly { label: string; status: string; missing: readonly { label: string; fix: string | null }[] }[] } }[],
): SourcesProblem | null {
  const notReady = sources.filter((source) => source.readiness.capabilities.some((entry) => entry.status !== "pass"));
  const first = notReady[0];
  if (!first) return null;
  const capability = first.readiness.capabilities.find((entry) => entry.status !== "pass")!;
  const missing = capability.missing[0];
  return {
    count: notReady.length,
    total: sources.length,
    sourceId: first.id,
    sourceName: first.displayName,
    capability: capability.label,
    check: missing ? `“${missing.label}”` : "a check",
    fix: missing?.fix ?? null,
  };
}

export function parseSourcesProblem(text: string | null): SourcesProblem | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as SourcesProblem;
    return typeof value === "object" && value !== null && typeof value.sourceName === "string" ? value : null;
  } catch {
    return null;
  }
}
