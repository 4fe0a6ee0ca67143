import { describe, expect, it } from "vitest";
import { decodeAdoError } from "./decode-ado-error";

const json = (status: number, message: string) => ({
  status,
  contentType: "application/json; charset=utf-8",
  body: JSON.stringify({ $id: "1", message, typeKey: "UnauthorizedRequestException" }),
  headers: new Headers({ activityid: "0f0f0f0f-0000-4000-8000-000000000001" }),
});

describe("decodeAdoError", () => {
  it("explains TF401444 with the service principal's object id from the message", () => {
    const decoded = decodeAdoError(
      json(
        401,
        "TF401444: Please sign-in at least once as 11700000-0000-4000-8000-000000000002\\11700000-0000-4000-8000-000000000002\\ab900000-0000-4000-8000-0000000000f3 in a web browser to enable access to the service.",
      ),
      { organization: "litware", method: "mi_fic" },
    );
    expect(decoded.code).toBe("TF401444");
    expect(decoded.fix).toContain("Basic");
    expect(decoded.fix).toContain("ab900000-0000-4000-8000-0000000000f3");
    expect(decoded.traceId).toBe("0f0f0f0f-0000-4000-8000-000000000001");
  });

  it("reads the 203 sign-in page as a refused PAT", () => {
    const decoded = decodeAdoError({ status: 203, contentType: "text/html; charset=utf-8", body: "<html>Sign In</html>" }, { organization: "litware", method: "pat" });
    expect(decoded.title).toMatch(/did not accept the PAT/);
    expect(decoded.cause).toMatch(/invalid, expired or revoked/);
    expect(decoded.raw).not.toContain("<html>");
  });

  it("tells a refused credential (TF400813 for '') from a PAT without the scope", () => {
    expect(decodeAdoError(json(401, "TF400813: The user '' is not authorized to access this resource."), { organization: "o", method: "pat" }).cause).toMatch(/invalid, expired or revoked/);
    const scoped = decodeAdoError(json(401, "TF400813: The user 'dev@litware.example' is not authorized to access this resource."), { organization: "o", method: "pat" });
    expect(scoped.fix).toContain("vso.code");
  });

  it("explains VS800075 and TF401019 at project and repository level", () => {
    expect(decodeAdoError(json(404, "VS800075: The project with id 'Treasury' does not exist, or you do not have permission to access it."), { organization: "o" }).fix).toMatch(/Readers/);
    expect(
      decodeAdoError(json(404, "TF401019: The Git repository with name or identifier x does not exist or you do not have permissions for the operation you are attempting."), { organization: "o" })
        .title,
    ).toMatch(/repository/);
  });

  it("keeps an unknown answer verbatim", () => {
    const decoded = decodeAdoError(json(409, "TF999999: Something new."), { organization: "o" });
    expect(decoded.code).toBe("TF999999");
    expect(decoded.raw).toBe("TF999999: Something new.");
  });

  it("reports an unreachable or silent service", () => {
    expect(decodeAdoError({ unreachable: "Azure DevOps did not answer within 3 s (GET x)." }, { organization: "o" }).code).toBe("timeout");
  });

  it("carries a throttle's Retry-After as a number as well as in the fix", () => {
    const throttled = (retryAfter?: string) => ({ status: 429, contentType: "text/plain", body: "Too many requests", headers: new Headers(retryAfter ? { "retry-after": retryAfter } : {}) });
    expect(decodeAdoError(throttled("30"), { organization: "o" })).toMatchObject({ code: "HTTP 429", retryAfterMs: 30_000, fix: "Wait 30 s and run the test again." });
    expect(decodeAdoError(throttled(), { organization: "o" }).retryAfterMs).toBeUndefined();
  });
});
