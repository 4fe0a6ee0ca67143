import { describe, expect, it } from "vitest";
import type { CapabilityResultDto } from "@/lib/schemas/permission-check";
import type { CheckResultDto, CheckStatus } from "@/lib/schemas/validation";
import { needsAttention, reviewLayout } from "./review-layout";

const check = (key: string, status: CheckStatus): CheckResultDto => ({
  key,
  label: key,
  status,
  durationMs: null,
  code: null,
  title: null,
  cause: null,
  fix: null,
  expected: null,
  configured: null,
  detail: null,
  link: null,
  raw: null,
  traceId: null,
  retryAfterMs: null,
});

describe("reviewLayout", () => {
  // The operator's report: PR contribute denied on one repository, no work item write on the area.
  const connection = [check("credential", "pass"), check("organization", "pass"), check("project", "pass")];
  const readApi = check("repository-read:payments-api", "pass");
  const readWeb = check("repository-read:payments-web", "pass");
  const contributeApi = check("pull-request-contribute:payments-api", "pass");
  const contributeWeb = check("pull-request-contribute:payments-web", "fail");
  const writeArea = check("work-item-write:Payments", "fail");
  const group = (capability: CapabilityResultDto["capability"], checks: CheckResultDto[]): CapabilityResultDto => ({ capability, label: capability, scenario: "", status: "fail", checks });
  const result = {
    checks: [...connection, readApi, contributeApi, readWeb, contributeWeb, writeArea],
    capabilities: [
      group("read_code", [...connection, readApi, readWeb]),
      group("comment", [...connection, contributeApi, contributeWeb, writeArea]),
      group("create_work_items", [...connection, writeArea]),
    ],
  };

  it("lists each failure once, and the count is the number of red rows it lists", () => {
    const { groups, attention } = reviewLayout(result);
    const rows = groups.flatMap((entry) => entry.rows);
    expect(rows.map((row) => row.key).sort()).toEqual(result.checks.map((row) => row.key).sort());
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
    expect(rows.filter(needsAttention).map((row) => row.key)).toEqual(["pull-request-contribute:payments-web", "work-item-write:Payments"]);
    expect(attention).toBe(2);
    const createGroup = groups.find((entry) => entry.capability === "create_work_items")!;
    expect(createGroup.rows).toEqual([]);
    expect(createGroup.sharedWith).toEqual([{ check: writeArea, shownIn: "comment" }]);
  });

  it("counts a check that could not be decided, and nothing that passed or was skipped", () => {
    const { attention } = reviewLayout({
      checks: [...connection, check("repository-read:a", "unknown"), check("pull-request-contribute:a", "skipped")],
      capabilities: [group("read_code", [...connection, check("repository-read:a", "unknown")]), group("comment", [...connection, check("pull-request-contribute:a", "skipped")])],
    });
    expect(attention).toBe(1);
  });
});
