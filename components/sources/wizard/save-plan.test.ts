import { describe, expect, it } from "vitest";
import { newRow } from "@/lib/client/wizard-draft";
import type { PermissionValidationDto } from "@/lib/schemas/permission-check";
import type { CheckResultDto, CheckStatus } from "@/lib/schemas/validation";
import { savePlan, saveLabel } from "./save-plan";

const check = (key: string, status: CheckStatus, fix: string | null = null): CheckResultDto => ({
  key,
  label: key,
  status,
  durationMs: 1,
  code: null,
  title: null,
  cause: null,
  fix,
  expected: null,
  configured: null,
  detail: null,
  link: null,
  raw: null,
  traceId: null,
  retryAfterMs: null,
});

const validation = (checks: CheckResultDto[]) => ({ checks }) as unknown as PermissionValidationDto;
const connection = [check("credential", "pass"), check("organization", "pass"), check("project", "pass")];

describe("save plan", () => {
  it("saves readable repositories as ready and lists commenting and work item gaps apart", () => {
    const plan = savePlan(
      [newRow("payments-api"), newRow("payments-web")],
      validation([
        ...connection,
        check("repository-read:payments-api", "pass"),
        check("repository-read:payments-web", "pass"),
        check("pull-request-contribute:payments-web", "fail", "Allow Contribute to pull requests"),
        check("work-item-write:Payments\\Ledger", "fail", "Add it to Contributors"),
      ]),
    );
    expect(plan.rows.map((row) => row.status)).toEqual(["ready", "ready"]);
    expect(plan.connectorMissing).toEqual(["pull-request-contribute:payments-web: Allow Contribute to pull requests", "work-item-write:Payments\\Ledger: Add it to Contributors"]);
    expect(saveLabel(plan)).toBe("Save 2 repositories");
  });

  it("makes a repository the identity cannot read a draft that says what is missing", () => {
    const plan = savePlan(
      [newRow("payments-api"), newRow("treasury-core")],
      validation([...connection, check("repository-read:payments-api", "pass"), check("repository-read:treasury-core", "fail", "Add it to Readers")]),
    );
    expect(plan.rows[1]).toMatchObject({ status: "draft", missing: ["repository-read:treasury-core: Add it to Readers"] });
    expect(saveLabel(plan)).toBe("Save 1 ready and 1 as draft");
  });

  it("makes every repository a draft when the project is not visible, and one not covered by the review too", () => {
    const plan = savePlan([newRow("payments-api")], validation([check("credential", "pass"), check("organization", "pass"), check("project", "fail", "Add it to the project")]));
    expect(plan.rows[0]?.status).toBe("draft");
    expect(plan.rows[0]?.missing).toEqual(["project: Add it to the project", "Read repository payments-api: not checked; run the review again."]);
    expect(saveLabel(plan)).toBe("Save as draft");
  });
});
