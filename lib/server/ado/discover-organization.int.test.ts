// Whether an organization exists, asked of the sandbox's Azure DevOps without credentials the way
// the wizard and the new-connector form ask it as the operator types.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TENANT } from "@/sandbox/world/default/ids";
import { startTestSandbox } from "@/sandbox/testing/test-sandbox";
import type { RunningSandbox } from "@/sandbox/server";
import { useSandboxEnvironment } from "@/lib/server/oauth/testing/oauth-harness";
import { discoverOrganization } from "./discover-organization";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  useSandboxEnvironment(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

describe("discoverOrganization", () => {
  it("finds an existing organization and the Entra ID tenant it belongs to", async () => {
    expect(await discoverOrganization("litware")).toEqual({ status: "exists", tenantId: TENANT.litware });
    expect(await discoverOrganization("FABRIKAM")).toEqual({ status: "exists", tenantId: TENANT.fabrikam });
  });

  it("tells an organization Azure DevOps does not have apart from one it has", async () => {
    expect(await discoverOrganization("nosuchorg")).toEqual({ status: "not_found" });
  });
});
