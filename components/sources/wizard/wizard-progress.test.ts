import { beforeAll, describe, expect, it } from "vitest";
import { emptyDraft, newRow, validationSignature, type WizardDraft } from "@/lib/client/wizard-draft";
import type { ConnectorDto } from "@/lib/schemas/connector";
import { loadNameRules } from "./name-rules-loader";
import { credentialReady, firstOpenStep, organizationProblem, reachableStep, rowProblems, stepToShow } from "./wizard-progress";

beforeAll(() => loadNameRules());

const connector = (overrides: Partial<ConnectorDto> = {}): ConnectorDto => ({
  id: "c1",
  kind: "ado",
  displayName: "litware",
  authMethod: "pat",
  status: "unchecked",
  statusReason: null,
  version: 1,
  organization: "litware",
  clusterUrl: null,
  azureResource: null,
  azureTarget: null,
  draftMissing: null,
  database: null,
  agentTenantId: null,
  miClientId: null,
  miPrincipalId: null,
  appClientId: null,
  targetTenantId: null,
  oauth: { configured: false, account: null, tenantId: null, setAt: null },
  pat: { configured: true, last4: "9a7f", setAt: "2026-01-01T00:00:00Z", expiresAt: null },
  sourceCount: 0,
  lastCheckedAt: null,
  nextCheckAt: null,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  ...overrides,
});

const draftAt = (overrides: Partial<WizardDraft>): WizardDraft => ({ ...emptyDraft(), platformChosen: true, organization: "litware", ...overrides });

describe("organization names", () => {
  it.each([
    ["litware", null],
    ["a", null],
    ["my-org-2", null],
    ["x".repeat(50), null],
  ])("accepts %s", (name, expected) => expect(organizationProblem(name)).toBe(expected));

  it.each([
    ["", /Enter the organization/],
    ["-litware", /hyphen/],
    ["litware-", /hyphen/],
    ["lit_ware", /letters, digits and hyphens/],
    ["lit ware", /letters, digits and hyphens/],
    ["x".repeat(51), /at most 50/],
  ])("refuses %j", (name, message) => expect(organizationProblem(name)).toMatch(message));
});

describe("credentials", () => {
  it("needs a signed-in, not lapsed, OAuth account", () => {
    expect(credentialReady(connector({ authMethod: "oauth" }))).toBe(false);
    const signedIn = { configured: true, account: "dev@litware.example", tenantId: "t", setAt: null };
    expect(credentialReady(connector({ authMethod: "oauth", oauth: signedIn }))).toBe(true);
    expect(credentialReady(connector({ authMethod: "oauth", oauth: signedIn, status: "needs_signin" }))).toBe(false);
  });

  it("needs all five MI + FIC values", () => {
    const values = { agentTenantId: "a", miClientId: "b", miPrincipalId: "c", appClientId: "d", targetTenantId: "e" };
    expect(credentialReady(connector({ authMethod: "mi_fic", ...values }))).toBe(true);
    expect(credentialReady(connector({ authMethod: "mi_fic", ...values, appClientId: null }))).toBe(false);
  });
});

describe("rows", () => {
  it("flags an empty repository, a blank display name, a bad branch and duplicates", () => {
    const rows = [newRow("payments-api"), { ...newRow(""), displayName: "" }, { ...newRow("payments-web"), branch: "bad..branch" }, newRow("Payments-API")];
    const problems = rowProblems(rows);
    expect(problems[0]).toEqual({});
    expect(problems[1]).toMatchObject({ repository: "Choose a repository.", displayName: "Enter a display name." });
    expect(problems[2]?.branch).toMatch(/Git branch name/);
    expect(problems[3]?.repository).toBe("Already added in row 1.");
  });
});

describe("resuming", () => {
  const reviewed = (draft: WizardDraft): WizardDraft => ({ ...draft, validation: { signature: validationSignature(draft), result: {} } });

  it("opens the first step that still needs something", () => {
    expect(firstOpenStep(emptyDraft(), null)).toBe("platform");
    expect(firstOpenStep(draftAt({}), null)).toBe("auth");
    expect(firstOpenStep(draftAt({}), connector())).toBe("project");
    expect(firstOpenStep(draftAt({ project: "Payments", rows: [newRow("payments-api")] }), connector())).toBe("review");
    expect(firstOpenStep(reviewed(draftAt({ project: "Payments", rows: [newRow("payments-api")] })), connector())).toBe("save");
  });

  it("never lands on a step whose inputs are missing, and keeps an earlier requested step", () => {
    const draft = draftAt({ project: "Payments" });
    expect(reachableStep("save", draft, connector())).toBe("repositories");
    expect(reachableStep("organization", draft, connector())).toBe("organization");
    // The connector of another organization does not count.
    expect(reachableStep("project", draft, connector({ organization: "fabrikam" }))).toBe("auth");
  });

  it("treats a review as stale once the repositories or the area path change", () => {
    const draft = reviewed(draftAt({ project: "Payments", rows: [newRow("payments-api")], areaPath: "Payments" }));
    expect(firstOpenStep(draft, connector())).toBe("save");
    expect(firstOpenStep({ ...draft, areaPath: "Payments\\Ledger" }, connector())).toBe("review");
    expect(firstOpenStep({ ...draft, rows: [...draft.rows, newRow("payments-web")] }, connector())).toBe("review");
  });
});

describe("the step to show", () => {
  const chosen: WizardDraft = { ...emptyDraft(), platformChosen: true };

  it("keeps the step on screen when the URL names none: a platform chosen before the URL names its step does not move on", () => {
    expect(stepToShow(null, "platform", chosen, null)).toBe("platform");
    expect(stepToShow(null, "organization", draftAt({}), null)).toBe("organization");
  });

  it("opens the first open step on a page load with no step shown yet", () => {
    expect(stepToShow(null, null, emptyDraft(), null)).toBe("platform");
    expect(stepToShow(null, null, chosen, null)).toBe("organization");
    expect(stepToShow(null, null, draftAt({}), connector())).toBe("project");
  });

  it("follows a URL that names a step (Back and Forward), clamped to a reachable one", () => {
    expect(stepToShow("platform", "organization", draftAt({}), connector())).toBe("platform");
    expect(stepToShow("project", "platform", draftAt({}), connector())).toBe("project");
    expect(stepToShow("save", "platform", chosen, null)).toBe("organization");
  });

  it("leaves a step on screen that is no longer reachable for the first open step", () => {
    // The organization changed to one without a connector: its project step needs a sign-in first.
    expect(stepToShow(null, "project", draftAt({ organization: "fabrikam" }), connector())).toBe("auth");
  });
});
