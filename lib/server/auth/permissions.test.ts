// An API token acts with its scope's role, but never with the permissions only a signed-in
// person holds: a token cannot create tokens or register agent identities.
import { describe, expect, it } from "vitest";
import { can, permissions, sessionOnlyPermissions } from "./permissions";

describe("can", () => {
  it("gives an administrator's session every permission, agent access included", () => {
    for (const permission of permissions) expect(can({ role: "admin" }, permission)).toBe(true);
  });

  it("gives a write-scope API token the administrator's permissions except the session-only ones", () => {
    const token = { role: "admin", via: "api_token" } as const;
    expect(can(token, "connectors.write")).toBe(true);
    expect(can(token, "health.check")).toBe(true);
    expect([...sessionOnlyPermissions]).toEqual(["access.manage"]);
    expect(can(token, "access.manage")).toBe(false);
  });

  it("gives a read-scope API token the reader's permissions only", () => {
    const token = { role: "reader", via: "api_token" } as const;
    expect(can(token, "connectors.read")).toBe(true);
    expect(can(token, "connectors.write")).toBe(false);
    expect(can(token, "access.manage")).toBe(false);
    expect(can({ role: "reader" }, "access.manage")).toBe(false);
  });
});
