// Whether an organization exists, asked of the sandbox's Azure DevOps without credentials the way
// the wizard and the new-connector form ask it as the operator types.
import { describe, expect, it } from "vitest";
import { TENANT } from "@/sandbox/world/default/ids";
import { useSandboxEnvironment } from "@/lib/server/oauth/testing/oauth-harness";
import { discoverOrganization } from "./discover-organization";
import { sandboxForFile } from "@/lib/testing/api-test-context";

sandboxForFile(useSandboxEnvironment);

describe("discoverOrganization", () => {
  it("finds an existing organization and the Entra ID tenant it belongs to", async () => {
    expect(await discoverOrganization("litware")).toEqual({ status: "exists", tenantId: TENANT.litware });
    expect(await discoverOrganization("FABRIKAM")).toEqual({ status: "exists", tenantId: TENANT.fabrikam });
  });

  it("tells an organization Azure DevOps does not have apart from one it has", async () => {
    expect(await discoverOrganization("nosuchorg")).toEqual({ status: "not_found" });
  });
});
