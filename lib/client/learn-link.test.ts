import { describe, expect, it } from "vitest";
import { learnLinkFor } from "./learn-link";

describe("learnLinkFor", () => {
  it("links each family of codes to its Microsoft Learn page", () => {
    expect(learnLinkFor("AADSTS7002138")?.href).toBe("https://learn.microsoft.com/entra/identity-platform/reference-breaking-changes#federated-identity-credentials-now-use-case-sensitive-matching");
    expect(learnLinkFor("AADSTS700213")?.href).toBe("https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity");
    expect(learnLinkFor("AADSTS7002121")?.href).toBe("https://learn.microsoft.com/entra/workload-id/workload-identity-federation");
    expect(learnLinkFor("AADSTS700016")?.href).toContain("/grant-admin-consent");
    expect(learnLinkFor("AADSTS50058")?.href).toBe("https://learn.microsoft.com/entra/identity-platform/reference-error-codes#aadsts-error-codes");
    expect(learnLinkFor("TF401444")?.href).toContain("/service-principal-managed-identity");
    expect(learnLinkFor("TF200016")).toEqual({ label: "TF200016 on Microsoft Learn", href: "https://learn.microsoft.com/azure/devops/organizations/security/troubleshoot-permissions" });
    expect(learnLinkFor("system_assigned_identity")?.href).toContain("workload-identity-federation-config-app-trust-managed-identity");
  });

  it("gives no link for the portal's own codes", () => {
    expect(learnLinkFor("timeout")).toBeNull();
    expect(learnLinkFor("not_configured")).toBeNull();
    expect(learnLinkFor(null)).toBeNull();
  });
});
