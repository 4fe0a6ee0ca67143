import { describe, expect, it } from "vitest";
import { sandboxAdminOrigin } from "./sandbox-admin-origin";

const sandbox = { sandbox: true, adoBaseUrl: "https://localhost:8443/ado", authorityHost: "https://localhost:8443" };

describe("sandboxAdminOrigin", () => {
  it("is the sandbox's origin only when the portal runs against the sandbox", () => {
    expect(sandboxAdminOrigin(sandbox)).toBe("https://localhost:8443");
  });

  it.each([
    ["TB_SANDBOX unset", { ...sandbox, sandbox: false }],
    ["Azure DevOps", { ...sandbox, adoBaseUrl: "https://dev.azure.com" }],
    ["a visualstudio.com organization host", { ...sandbox, adoBaseUrl: "https://contoso.visualstudio.com" }],
    ["Entra ID", { ...sandbox, authorityHost: "https://login.microsoftonline.com" }],
  ])("is null against real Azure (%s)", (_case, config) => {
    expect(sandboxAdminOrigin(config)).toBeNull();
  });
});
