import { describe, expect, it } from "vitest";
import { AccessNotGrantedError, assertAccess, grantAccess, type Access } from "./access";

const admin = { id: "oid-admin", name: "Admin", role: "admin" as const };
const reader = { id: "oid-reader", name: "Reader", role: "reader" as const };

describe("access grants", () => {
  it("are made only for an operator whose role holds every permission asked", () => {
    expect(() => grantAccess(reader, "connectors.write")).toThrow(AccessNotGrantedError);
    expect(() => grantAccess(reader, "sources.read", "sources.write")).toThrow(AccessNotGrantedError);
    expect(grantAccess(admin, "sources.write", "connectors.write").operator).toMatchObject({ id: "oid-admin" });
  });

  it("prove a permission that was granted, and no other", () => {
    const access = grantAccess(reader, "connectors.read");
    expect(() => assertAccess(access, "connectors.read")).not.toThrow();
    expect(() => assertAccess(access, "connectors.write", "connectors.read")).not.toThrow();
    expect(() => assertAccess(access, "audit.read")).toThrow(AccessNotGrantedError);
  });

  it("cannot be forged: no grant, a look-alike literal or a copy of a real grant is refused", () => {
    const real = grantAccess(admin, "audit.read");
    const lookAlike = { operator: admin } as unknown as Access<"audit.read">;
    for (const forged of [undefined, null, {}, lookAlike, { ...real }, structuredClone(real)]) {
      expect(() => assertAccess(forged, "audit.read")).toThrow(AccessNotGrantedError);
    }
  });

  it("cannot be changed after it was granted", () => {
    const access = grantAccess(reader, "health.read");
    expect(() => Object.assign(access.operator, { role: "admin" })).toThrow(TypeError);
    expect(access.operator.role).toBe("reader");
  });
});
