import { describe, expect, it } from "vitest";
import { deriveConnectorStatus, sourcesProblemOf, type StatusInputs } from "./connector-status";
import { sourceReadiness, type ReadinessCheck } from "./source-readiness";

const base: StatusInputs = {
  kind: "ado",
  authMethod: "pat",
  appClientId: null,
  targetTenantId: null,
  patSetAt: "2026-12-01T05:00:00.000Z",
  oauthSetAt: null,
  chainStatus: "healthy",
  checkedSettingsKey: "pat:abc",
  currentSettingsKey: "pat:abc",
  sourcesProblem: null,
};

const check = (key: string, status: ReadinessCheck["status"]): ReadinessCheck => ({ key, label: key, status, cause: null, fix: status === "pass" ? null : `grant ${key}`, link: null });

describe("deriveConnectorStatus", () => {
  it("is the chain test's verdict when it tested the method and settings stored now", () => {
    expect(deriveConnectorStatus(base)).toEqual({ status: "healthy", reason: null, fix: null, from: "chain" });
    expect(deriveConnectorStatus({ ...base, chainStatus: "failing" }).status).toBe("failing");
  });

  it("does not count a healthy PAT verdict once the method is OAuth: not set up, then not checked", () => {
    const switched = { ...base, authMethod: "oauth" as const, currentSettingsKey: "oauth:def" };
    const notSignedIn = deriveConnectorStatus(switched);
    expect(notSignedIn.status).toBe("draft");
    expect(notSignedIn.reason).toMatch(/^Nobody has signed in/);
    const signedIn = deriveConnectorStatus({ ...switched, oauthSetAt: "2026-12-01T05:10:00.000Z" });
    expect(signedIn.status).toBe("unchecked");
    expect(signedIn.reason).toBe("Not checked with OAuth sign-in yet: the last test used Personal access token.");
  });

  it("does not count a verdict about a replaced secret", () => {
    const replaced = deriveConnectorStatus({ ...base, currentSettingsKey: "pat:new" });
    expect(replaced).toMatchObject({ status: "unchecked", reason: "Not checked since its settings or credential changed.", from: "setup" });
  });

  it("says a PAT connector without a PAT is not set up, whatever an old verdict said", () => {
    expect(deriveConnectorStatus({ ...base, patSetAt: null })).toMatchObject({ status: "draft", from: "setup", fix: expect.stringContaining("personal access token") });
  });

  it("keeps a setup whose test failed a draft, decided by that test of the current settings (so its page shows the run)", () => {
    expect(deriveConnectorStatus({ ...base, draftMissing: "Grant Viewer on the database." })).toMatchObject({ status: "draft", reason: "Grant Viewer on the database.", from: "chain" });
  });

  it("turns a healthy ADO connector degraded, with the source, check and fix, when a source lacks a capability", () => {
    const source = { id: "s1", displayName: "Payments API", repository: "payments-api", capabilities: ["read_code", "comment"] as const };
    const checks = [
      check("credential", "pass"),
      check("organization", "pass"),
      check("project", "pass"),
      check("repository-read:payments-api", "pass"),
      check("pull-request-contribute:payments-api", "fail"),
      check("work-item-write:Payments", "pass"),
    ];
    const problem = sourcesProblemOf([{ ...source, readiness: sourceReadiness(source, checks) }]);
    expect(problem).toMatchObject({
      count: 1,
      sourceName: "Payments API",
      capability: "Comment on work items and pull requests",
      check: "“pull-request-contribute:payments-api”",
      fix: "grant pull-request-contribute:payments-api",
    });
    const derived = deriveConnectorStatus({ ...base, sourcesProblem: problem });
    expect(derived).toMatchObject({ status: "degraded", from: "sources", fix: "grant pull-request-contribute:payments-api" });
    expect(derived.reason).toContain("Knowledge source 'Payments API' is not ready to comment on work items and pull requests");
    // A failing chain says more than a source does.
    expect(deriveConnectorStatus({ ...base, chainStatus: "failing", sourcesProblem: problem }).status).toBe("failing");
  });

  it("finds no problem when every capability of every source passed", () => {
    const source = { id: "s1", displayName: "Docs", repository: "docs", capabilities: ["read_code"] as const };
    const readiness = sourceReadiness(source, [check("credential", "pass"), check("organization", "pass"), check("project", "pass"), check("repository-read:docs", "pass")]);
    expect(readiness.level).toBe("everything");
    expect(sourcesProblemOf([{ ...source, readiness }])).toBeNull();
  });
});

describe("sourceReadiness never says ready with a denied check", () => {
  it("is not ready for commenting when contributing to pull requests was denied, and says reading code only", () => {
    const source = { repository: "payments-api", capabilities: ["read_code", "comment", "create_work_items"] as const };
    const readiness = sourceReadiness(source, [
      check("credential", "pass"),
      check("organization", "pass"),
      check("project", "pass"),
      check("repository-read:payments-api", "pass"),
      check("pull-request-contribute:payments-api", "fail"),
      check("work-item-write:Payments", "pass"),
    ]);
    expect(readiness.level).toBe("read_code");
    expect(readiness.summary).toBe("Ready for reading code only: not for comment on work items and pull requests");
    expect(readiness.capabilities.find((entry) => entry.capability === "comment")?.status).toBe("fail");
    expect(readiness.capabilities.find((entry) => entry.capability === "create_work_items")?.status).toBe("pass");
  });
});
