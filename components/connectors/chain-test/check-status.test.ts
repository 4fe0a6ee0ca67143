import { describe, expect, it } from "vitest";
import { checkDisplay } from "./check-status";

describe("checkDisplay", () => {
  it("says a hop whose service did not answer is not answering, not failed", () => {
    for (const code of ["timeout", "unreachable", "breaker_open", "HTTP 503"]) expect(checkDisplay({ status: "fail", code }).label).toBe("Not answering");
    expect(checkDisplay({ status: "unknown", code: "HTTP 500" }).label).toBe("Not answering");
  });

  it("keeps the setup's failures as failed", () => {
    expect(checkDisplay({ status: "fail", code: "HTTP 403" }).label).toBe("Failed");
    expect(checkDisplay({ status: "fail", code: "AADSTS700016" }).label).toBe("Failed");
    expect(checkDisplay({ status: "pass", code: null }).label).toBe("Passed");
  });
});
