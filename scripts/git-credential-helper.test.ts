// Which URLs the git credential helper answers for, and how it hands a credential to git.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module without type declarations (git runs it as is)
import { gitCredential, organizationOf } from "../bin/tenantbridge-git-credential.mjs";

describe("organizationOf", () => {
  it("reads the organization from dev.azure.com paths, the user name, and <org>.visualstudio.com", () => {
    expect(organizationOf({ protocol: "https", host: "dev.azure.com", path: "litware/Payments/_git/payments-api" })).toBe("litware");
    expect(organizationOf({ protocol: "https", host: "dev.azure.com", username: "litware" })).toBe("litware");
    expect(organizationOf({ protocol: "https", host: "litware.visualstudio.com", path: "Payments/_git/payments-api" })).toBe("litware");
  });

  it("says undefined when git sent no path (useHttpPath is off), and null for hosts it does not serve", () => {
    expect(organizationOf({ protocol: "https", host: "dev.azure.com" })).toBeUndefined();
    expect(organizationOf({ protocol: "https", host: "github.com", path: "a/b" })).toBeNull();
    expect(organizationOf({ protocol: "http", host: "dev.azure.com", path: "litware/x" })).toBeNull();
  });

  it("maps another ADO base URL (the sandbox's) by host and path prefix", () => {
    const base = "https://localhost:8443/ado";
    expect(organizationOf({ protocol: "https", host: "localhost:8443", path: "ado/litware/Payments/_git/payments-api" }, base)).toBe("litware");
    expect(organizationOf({ protocol: "https", host: "localhost:8443", path: "other/litware" }, base)).toBeNull();
    expect(organizationOf({ protocol: "https", host: "localhost:9999", path: "ado/litware" }, base)).toBeNull();
  });
});

describe("gitCredential", () => {
  it("gives a Bearer token as the password and a PAT's Basic pair as is", () => {
    expect(gitCredential("Bearer eyJ.a.b")).toEqual({ username: "tenantbridge", password: "eyJ.a.b" });
    expect(gitCredential(`Basic ${Buffer.from(":the-pat").toString("base64")}`)).toEqual({ username: "tenantbridge", password: "the-pat" });
    expect(gitCredential(`Basic ${Buffer.from("dev:the-pat:with-colon").toString("base64")}`)).toEqual({ username: "dev", password: "the-pat:with-colon" });
  });
});
