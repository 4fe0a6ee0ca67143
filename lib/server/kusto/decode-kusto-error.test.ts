import { describe, expect, it } from "vitest";
import { decodeKustoError, grantViewerCommand } from "./decode-kusto-error";

describe("decodeKustoError", () => {
  it("turns ADX's 403 into the exact Database Viewer grant for the principal it names", () => {
    const body = JSON.stringify({
      error: {
        code: "Forbidden",
        message: "Caller is not authorized to perform this action",
        "@type": "Kusto.DataNode.Exceptions.UnauthorizedDatabaseAccessException",
        "@message": "Principal 'aadapp=ab900000-0000-4000-8000-0000000000d1;11700000-0000-4000-8000-000000000002' is not authorized to read database 'Billing'.",
        "@context": { activityId: "aaaa0000-0000-4000-8000-000000000001" },
      },
    });
    const decoded = decodeKustoError({ status: 403, body }, { database: "Billing" });
    expect(decoded.fix).toContain(".add database Billing viewers ('aadapp=ab900000-0000-4000-8000-0000000000d1;11700000-0000-4000-8000-000000000002')");
    expect(decoded.traceId).toBe("aaaa0000-0000-4000-8000-000000000001");
  });

  it("brackets database names that are not plain identifiers", () => {
    expect(grantViewerCommand("Sales 2025", "aadapp=a;t")).toBe(".add database ['Sales 2025'] viewers ('aadapp=a;t')");
  });

  it("keeps an unknown error verbatim", () => {
    const decoded = decodeKustoError({ status: 400, body: JSON.stringify({ error: { code: "General_BadRequest", "@message": "Syntax error: SYN0002" } }) }, { database: "X" });
    expect(decoded.code).toBe("General_BadRequest");
    expect(decoded.raw).toBe("Syntax error: SYN0002");
  });
});
