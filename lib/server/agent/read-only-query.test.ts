import { describe, expect, it } from "vitest";
import { readOnlyProblem } from "./agent-tools";

describe("readOnlyProblem", () => {
  it("accepts queries, with let statements and comments", () => {
    expect(readOnlyProblem("Requests | take 10")).toBeNull();
    expect(readOnlyProblem("let n = 5;\nRequests | take n")).toBeNull();
    expect(readOnlyProblem("// recent\nRequests | where Success == false")).toBeNull();
  });

  it("refuses control commands wherever a statement starts, and empty input", () => {
    expect(readOnlyProblem(".drop table Requests")).toContain("Control commands");
    expect(readOnlyProblem("  // hidden\n  .set-or-append T <| Requests")).toContain("Control commands");
    expect(readOnlyProblem("Requests | take 1; .show tables")).toContain("Control commands");
    expect(readOnlyProblem("  // nothing\n")).toBe("The query is empty.");
  });
});
