import { describe, expect, it } from "vitest";
import type { CheckResultDto } from "@/lib/schemas/validation";
import { emptyCheckFields } from "@/lib/server/pipeline/check-results";
import { statusAfter } from "./record-runs";

const check = (status: CheckResultDto["status"], code: string | null = null): CheckResultDto => ({ ...emptyCheckFields, key: "k", label: "l", status, durationMs: 1, code });

describe("statusAfter", () => {
  it("calls a connector unavailable, not failing, when its failed hops got no answer", () => {
    for (const code of ["timeout", "unreachable", "breaker_open", "HTTP 503"]) expect(statusAfter("fail", [check("pass"), check("fail", code), check("skipped")])).toBe("unavailable");
  });

  it("keeps failing for a setup problem, even next to a silent hop", () => {
    expect(statusAfter("fail", [check("fail", "AADSTS700016"), check("skipped")])).toBe("failing");
    expect(statusAfter("fail", [check("fail", "HTTP 403"), check("fail", "timeout")])).toBe("failing");
  });

  it("is degraded when only an informative check could not finish, healthy when all pass", () => {
    expect(statusAfter("unknown", [check("pass"), check("unknown", "HTTP 500")])).toBe("degraded");
    expect(statusAfter("pass", [check("pass")])).toBe("healthy");
  });
});
