import { describe, expect, it } from "vitest";
import { matchingTrust, type KnownTrust } from "./fic-trust";

const app = "ab900000-0000-4000-8000-0000000000d1";
const tenant = "c0550000-0000-4000-8000-000000000001";
const principal = "a9e00000-0000-4000-8000-0000000000c2";
const saved: KnownTrust = { appClientId: app, agentTenantId: tenant, miPrincipalId: principal, name: null, source: "saved connector 'litware' uses the same app and identity" };
const created: KnownTrust = { ...saved, name: "tenantbridge-litware", source: "created through this portal for connector 'litware'" };

describe("matchingTrust", () => {
  it("prefers a trust whose name is known, comparing ids as Entra does", () => {
    expect(matchingTrust([saved, created], { appClientId: app.toUpperCase(), agentTenantId: ` ${tenant}`, miPrincipalId: principal })).toBe(created);
    expect(matchingTrust([saved], { appClientId: app, agentTenantId: tenant, miPrincipalId: principal })).toBe(saved);
  });

  it("does not match another app, tenant or identity (each is another credential)", () => {
    const other = "00000000-0000-4000-8000-000000000000";
    expect(matchingTrust([created], { appClientId: other, agentTenantId: tenant, miPrincipalId: principal })).toBeNull();
    expect(matchingTrust([created], { appClientId: app, agentTenantId: other, miPrincipalId: principal })).toBeNull();
    expect(matchingTrust([created], { appClientId: app, agentTenantId: tenant, miPrincipalId: other })).toBeNull();
  });
});
