import { describe, expect, it } from "vitest";
import { loggedPath } from "./access-log";
import { acceptRequestId, currentRequestId, runWithRequestId, withClientRequestId } from "./request-context";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("keeps a well-formed incoming id (nginx's hex, a UUID, a W3C trace id)", () => {
    for (const id of ["0123456789abcdef0123456789abcdef", "3f2b8c1e-9a4d-4e8f-b6a1-2c3d4e5f6a7b", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]) {
      expect(acceptRequestId(id)).toBe(id);
    }
  });

  it("replaces an id that could forge a log line or is too short or long", () => {
    for (const id of ["bad id", "x\ny", "<script>", "short", "a".repeat(129), "", null, undefined]) {
      expect(acceptRequestId(id)).toMatch(UUID);
    }
  });

  it("sets x-ms-client-request-id to the current request's id, replacing the Azure SDK's own", () => {
    expect(withClientRequestId({ accept: "application/json" })).toEqual({ accept: "application/json" });
    const headers = runWithRequestId("req-0123456789", () => {
      expect(currentRequestId()).toBe("req-0123456789");
      return withClientRequestId({ "X-MS-Client-Request-Id": "sdk-random", accept: "application/json" });
    });
    expect(headers).toEqual({ accept: "application/json", "x-ms-client-request-id": "req-0123456789" });
  });
});

describe("access log path", () => {
  it("never keeps the query string (OAuth callbacks carry codes there)", () => {
    expect(loggedPath("/api/oauth/callback?code=secret-code&state=s")).toBe("/api/oauth/callback");
    expect(loggedPath(undefined)).toBe("/");
  });
});
