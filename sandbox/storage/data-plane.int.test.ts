// Storage and Key Vault data planes against the running sandbox with the real @azure/identity
// chain: the connector's Litware tokens list blob containers and secret names through the
// world's data-plane role assignments, and each refusal is the service's own.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { agentToken, loadIdentity } from "../ado/testing/agent-credential";
import { admin, cloneWorld, startTestSandbox } from "../testing/test-sandbox";
import { KEY_VAULT, STORAGE_ACCOUNT, SUBSCRIPTION, TENANT } from "../world/default/ids";

let sandbox: RunningSandbox;
let identity: Awaited<ReturnType<typeof loadIdentity>>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  identity = await loadIdentity(sandbox);
});
afterEach(async () => {
  await admin(sandbox, "POST", "/reset");
});
afterAll(async () => {
  await sandbox.stop();
});

const containers = () => `${sandbox.origin}/storage/${STORAGE_ACCOUNT.litware}/?comp=list`;
const secrets = () => `${sandbox.origin}/keyvault/${KEY_VAULT.litware}/secrets?api-version=7.4`;

describe("Storage: list blob containers", () => {
  it("lists the containers for a token with Storage Blob Data Reader on the account", async () => {
    const token = await agentToken(identity, sandbox, TENANT.litware, "https://storage.azure.com/.default");
    const response = await fetch(containers(), { headers: { authorization: `Bearer ${token}`, "x-ms-version": "2021-08-06" } });
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect([...xml.matchAll(/<Container><Name>([^<]+)<\/Name>/g)].map((m) => m[1])).toEqual(["exports", "invoices", "telemetry-archive"]);
  });

  it("refuses a token for another audience, a missing x-ms-version, and a caller without a data role", async () => {
    const arm = await agentToken(identity, sandbox, TENANT.litware, "https://management.azure.com/.default");
    const wrongAudience = await fetch(containers(), { headers: { authorization: `Bearer ${arm}`, "x-ms-version": "2021-08-06" } });
    expect(wrongAudience.status).toBe(401);
    expect(await wrongAudience.text()).toContain("Audience validation failed");

    const token = await agentToken(identity, sandbox, TENANT.litware, "https://storage.azure.com/.default");
    const noVersion = await fetch(containers(), { headers: { authorization: `Bearer ${token}` } });
    expect(noVersion.status).toBe(400);

    const world = cloneWorld(sandbox);
    const subscription = world.arm.subscriptions.find((candidate) => candidate.subscriptionId === SUBSCRIPTION.litware)!;
    subscription.roleAssignments = subscription.roleAssignments.filter((assignment) => assignment.role !== "Storage Blob Data Reader");
    expect((await admin(sandbox, "PUT", "/world", world)).status).toBe(200);
    const denied = await fetch(containers(), { headers: { authorization: `Bearer ${token}`, "x-ms-version": "2021-08-06" } });
    expect(denied.status).toBe(403);
    expect(denied.headers.get("x-ms-error-code")).toBe("AuthorizationPermissionMismatch");
  });
});

describe("Key Vault: list secrets' names", () => {
  it("lists the names for Key Vault Secrets User, and answers ForbiddenByRbac without it", async () => {
    const token = await agentToken(identity, sandbox, TENANT.litware, "https://vault.azure.net/.default");
    const response = await fetch(secrets(), { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { value: { id: string }[] };
    expect(body.value.map((secret) => secret.id.split("/").pop())).toEqual(["payments-api-key", "smtp-password"]);

    const unauthenticated = await fetch(secrets());
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get("www-authenticate")).toContain(`${sandbox.origin}/${TENANT.litware}`);

    const world = cloneWorld(sandbox);
    const subscription = world.arm.subscriptions.find((candidate) => candidate.subscriptionId === SUBSCRIPTION.litware)!;
    subscription.roleAssignments = subscription.roleAssignments.filter((assignment) => assignment.role !== "Key Vault Secrets User");
    expect((await admin(sandbox, "PUT", "/world", world)).status).toBe(200);
    const denied = await fetch(secrets(), { headers: { authorization: `Bearer ${token}` } });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: "Forbidden", innererror: { code: "ForbiddenByRbac" } } });
  });
});
