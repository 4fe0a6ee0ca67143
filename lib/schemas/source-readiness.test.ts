import { describe, expect, it } from "vitest";
import { sourceReadiness, type ReadinessCheck } from "./source-readiness";

const pass = (key: string, label = key): ReadinessCheck => ({ key, label, status: "pass", cause: null, fix: null, link: null });
const fail = (key: string, label = key): ReadinessCheck => ({ key, label, status: "fail", cause: "denied", fix: "grant it", link: null });
const connection = [pass("credential"), pass("organization"), pass("project")];

describe("sourceReadiness", () => {
  it("is never ready for commenting with a denied Contribute to pull requests, whatever else passed", () => {
    const readiness = sourceReadiness({ repository: "payments-web", capabilities: ["read_code", "comment", "create_work_items"] }, [
      ...connection,
      pass("repository-read:payments-web"),
      fail("pull-request-contribute:payments-web", "Contribute to pull requests in payments-web"),
      pass("work-item-write:Payments\\Checkout"),
    ]);
    expect(readiness.level).toBe("read_code");
    expect(readiness.summary).not.toMatch(/everything/);
    expect(readiness.capabilities.map((entry) => [entry.capability, entry.status])).toEqual([
      ["read_code", "pass"],
      ["comment", "fail"],
      ["create_work_items", "pass"],
    ]);
    expect(readiness.capabilities[1]!.missing).toEqual([
      { key: "pull-request-contribute:payments-web", label: "Contribute to pull requests in payments-web", status: "fail", fix: "grant it", link: null },
    ]);
  });

  it("counts a check the latest run did not make as missing, not as a pass", () => {
    const readiness = sourceReadiness({ repository: "payments-api", capabilities: ["read_code", "create_work_items"] }, [...connection, pass("repository-read:payments-api")]);
    expect(readiness.level).toBe("read_code");
    expect(readiness.capabilities[1]).toMatchObject({ status: "skipped", missing: [{ key: "work-item-write" }] });
  });

  it("ignores another repository's checks and is ready for everything only when all pass", () => {
    const checks = [
      ...connection,
      pass("repository-read:payments-api"),
      fail("repository-read:payments-web"),
      pass("pull-request-contribute:payments-api"),
      pass("work-item-write:Payments\\Checkout"),
    ];
    expect(sourceReadiness({ repository: "Payments-API", capabilities: ["read_code", "comment"] }, checks)).toMatchObject({ level: "everything", summary: "Ready for everything it was added for" });
    expect(sourceReadiness({ repository: "payments-web", capabilities: ["read_code"] }, checks).level).toBe("nothing");
    expect(sourceReadiness({ repository: "payments-api", capabilities: ["read_code"] }, []).level).toBe("nothing");
  });
});

describe("sourceReadiness without any check", () => {
  it("says the source was not checked rather than calling it ready", () => {
    expect(sourceReadiness({ repository: "payments-api", capabilities: ["read_code"] }, [])).toMatchObject({
      level: "nothing",
      summary: "Not checked yet: check it again to see what it is ready for",
    });
  });
});
