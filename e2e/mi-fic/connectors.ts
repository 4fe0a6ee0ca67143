// Shared by the MI + FIC and chain test specs: connectors seeded through the product's API.
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { AGENT_IDENTITY, TENANT } from "../../sandbox/world/default/ids";
import { deleteAllConnectors, expect } from "../fixtures";
import { resetSandbox } from "../oauth/sandbox-admin";

/** One card of the page, for the README: the sticky top bar must not cover it. */
export async function panelShot(page: Page, heading: string, path: string) {
  await page.addStyleTag({ content: "header.sticky { position: static !important; }" });
  await page
    .locator("section", { has: page.getByRole("heading", { name: heading, exact: true }) })
    .first()
    .screenshot({ path });
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `.screenshots/mi-fic/${name}.png`, fullPage: true });

/** An ADO connector on MI + FIC with the default world's agent identity. */
export async function createMiFicConnector(api: APIRequestContext, organization: string, appClientId: string, targetTenantId: string): Promise<string> {
  const response = await api.post("/api/connectors", {
    data: {
      kind: "ado",
      organization,
      authMethod: "mi_fic",
      agentTenantId: TENANT.contoso,
      miClientId: AGENT_IDENTITY.clientId,
      miPrincipalId: AGENT_IDENTITY.principalId,
      appClientId,
      targetTenantId,
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Every spec starts from the default world and no connectors (as an admin, whatever the spec's role). */
export async function freshStart(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, baseURL: string | undefined, adminState: object) {
  await resetSandbox();
  const adminApi = await playwright.request.newContext({ baseURL, storageState: adminState });
  await deleteAllConnectors(adminApi);
  await adminApi.dispose();
}

export async function runChainTest(page: Page) {
  await page.getByRole("button", { name: /^(Run chain test|Run again)$/ }).click();
  await expect(page.getByRole("button", { name: /^(Run chain test|Run again)$/ })).toBeEnabled({ timeout: 50_000 });
}

export const hop = (page: Page, key: string) => page.getByRole("list", { name: "Hops of the latest run" }).locator(`[data-hop="${key}"]`);

export type { Browser };
