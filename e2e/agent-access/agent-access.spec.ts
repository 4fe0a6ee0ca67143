// Settings → Agent access on the production server: an administrator registers the agent's
// managed identity for Litware and creates an API token that is shown once; the token works from
// a client without cookies and from another origin, until it is revoked; the agent's own client
// (npm run agent:token, with the real ManagedIdentityCredential) gets a credential through
// POST /api/agent/token. The page has no axe violations, before and after.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { APIRequestContext } from "@playwright/test";
import { AGENT_IDENTITY, CONNECTOR_APP, PORTAL_APP, TENANT } from "../../sandbox/world/default/ids";
import { deleteAllConnectors, expect, expectAccessible, test } from "../fixtures";
import { openBeforeHydration } from "../before-hydration";
import { resetSandbox } from "../oauth/sandbox-admin";

const run = promisify(execFile);
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;

async function clearAgentAccess(api: APIRequestContext) {
  const identities = (await (await api.get("/api/agent-identities")).json()) as { items: { id: string; version: number }[] };
  for (const identity of identities.items) await api.delete(`/api/agent-identities/${identity.id}?version=${identity.version}`);
  const tokens = (await (await api.get("/api/api-tokens")).json()) as { items: { id: string; state: string }[] };
  for (const token of tokens.items) if (token.state === "active") await api.delete(`/api/api-tokens/${token.id}`);
}

test.describe("agent access", () => {
  test.setTimeout(240_000);
  test.beforeEach(async ({ api }) => {
    await resetSandbox();
    await deleteAllConnectors(api);
    await clearAgentAccess(api);
  });

  test("an admin registers the agent identity and creates an API token that works until it is revoked", async ({ page, playwright, baseURL }) => {
    await page.goto("/settings");
    await page.getByRole("link", { name: "Agent access and API tokens" }).click();
    await expect(page.getByRole("heading", { name: "Agent access", level: 1 })).toBeVisible();
    await expectAccessible(page);

    // The form starts with the agent identity this portal is configured with.
    await expect(page.getByLabel("Tenant id")).toHaveValue(TENANT.contoso);
    await expect(page.getByLabel("Principal id")).toHaveValue(AGENT_IDENTITY.principalId);
    await page.getByLabel("Display name").fill("Contoso agent");
    await page.getByLabel("May use").fill("litware");
    await page.getByRole("button", { name: "Register identity" }).click();
    const identities = page.getByRole("table", { name: "Agent identities" });
    await expect(identities.getByRole("row", { name: /Contoso agent/ })).toContainText("Azure DevOps: litware");

    await page.getByLabel("Token name").fill("e2e-ci");
    await page.getByLabel("Scope").selectOption("write");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByLabel("The new API token");
    await expect(shown).toHaveValue(/^tb_[A-Za-z0-9_-]{43}$/);
    const token = await shown.inputValue();
    const tokens = page.getByRole("table", { name: "API tokens" });
    await expect(tokens.getByRole("row", { name: /e2e-ci/ })).toContainText("Active");
    await expect(tokens).toContainText(`…${token.slice(-4)}`);
    await expectAccessible(page);

    // Shown once: after a reload the page does not hold it.
    await page.reload();
    await expect(tokens.getByRole("row", { name: /e2e-ci/ })).toBeVisible();
    expect(await page.content()).not.toContain(token);

    // A client without cookies, from another origin, creates a connector and runs its chain test.
    const client = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const headers = { authorization: `Bearer ${token}`, origin: "https://ci.example" };
    const created = await client.post("/api/connectors", {
      headers,
      data: { kind: "ado", organization: "litware", authMethod: "mi_fic", appClientId: CONNECTOR_APP.appId, targetTenantId: TENANT.litware },
    });
    expect(created.status(), await created.text()).toBe(201);
    const connector = (await created.json()) as { id: string };
    const chain = await client.post(`/api/connectors/${connector.id}/test`, { headers });
    expect(chain.status()).toBe(200);
    expect(((await chain.json()) as { outcome: string }).outcome).toBe("pass");

    // The agent's client, as the README runs it, through the production server.
    const sandboxEnv = JSON.parse(process.env.TB_E2E_SANDBOX_ENV ?? "{}") as Record<string, string>;
    const { stdout } = await run("npx", ["tsx", "scripts/agent-token.ts", "--portal", baseURL ?? "", "--organization", "litware"], {
      cwd: path.resolve(__dirname, "../.."),
      env: {
        ...process.env,
        IDENTITY_ENDPOINT: sandboxEnv.IDENTITY_ENDPOINT,
        IDENTITY_HEADER: sandboxEnv.IDENTITY_HEADER,
        AZURE_CLIENT_ID: AGENT_IDENTITY.clientId,
        TB_PORTAL_CLIENT_ID: PORTAL_APP.appId,
      },
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toMatchObject({ method: "mi_fic" });
    expect(stdout).not.toMatch(JWT);

    // Revoked in the UI, refused on the next request.
    await page.getByRole("button", { name: "Revoke e2e-ci" }).click();
    await expect(tokens.getByRole("row", { name: /e2e-ci/ })).toContainText("Revoked");
    const refused = await client.get("/api/connectors", { headers });
    expect(refused.status()).toBe(401);
    expect(refused.headers()["www-authenticate"]).toContain("token_revoked");
    await client.dispose();

    await page.goto("/audit");
    await expect(page.getByText("API token 'e2e-ci'").first()).toBeVisible();
    await expect(page.getByText("Agent identity 'Contoso agent'").first()).toBeVisible();
  });

  test("a bad line of what an identity may use is named by its line, and nothing is stored until it is fixed", async ({ page, api }) => {
    // On a slow connection the server-rendered form shows the prefilled tenant and takes typing
    // before the page comes alive; what was typed is kept, and the button waits for the form.
    const release = await openBeforeHydration(page, "/settings/agent-access");
    const register = page.getByRole("button", { name: "Register identity" });
    await expect(page.getByLabel("Tenant id")).toHaveValue(TENANT.contoso);
    await page.getByLabel("Tenant id").fill("not-a-guid");
    await page.getByLabel("Display name").fill("Line agent");
    await page.getByLabel("May use").fill("litware\n-fabrikam");
    await expect(register).toBeDisabled();
    await release();
    await register.click();
    await expect(page.getByText("Tenant id must be a GUID like 00000000-0000-0000-0000-000000000000.")).toBeVisible();
    await expect(page.getByLabel("Tenant id")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Line 2: organization may contain only letters, digits and hyphens, and cannot start or end with a hyphen.")).toBeVisible();
    await expect(page.getByLabel("May use")).toHaveAttribute("aria-invalid", "true");
    const stored = async () => ((await (await api.get("/api/agent-identities")).json()) as { items: unknown[] }).items.length;
    expect(await stored()).toBe(0);

    await page.getByLabel("Tenant id").fill(TENANT.contoso);
    await page.getByLabel("May use").fill("litware\nfabrikam");
    await register.click();
    const row = page.getByRole("table", { name: "Agent identities" }).getByRole("row", { name: /Line agent/ });
    await expect(row).toContainText("Azure DevOps: fabrikam");
    expect(await stored()).toBe(1);
    // The form is empty again for the next identity.
    await expect(page.getByLabel("Display name")).toHaveValue("");

    await row.getByRole("button", { name: "Edit what Line agent may use" }).click();
    await row.getByLabel("May use").fill("litware\nhttps://help.kusto.windows.net bad/db");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByText(/^Line 2: database may contain only/)).toBeVisible();
    await row.getByLabel("May use").fill("litware");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row).not.toContainText("fabrikam");
    await expect(row).toContainText("Azure DevOps: litware");
  });
});
