// Every spec imports `test` from here: it points Playwright at the portal that global setup
// started, and gives an API client that seeds data through the product's own API.
import { test as base, expect, type APIRequestContext } from "@playwright/test";

export const test = base.extend<{ api: APIRequestContext }>({
  baseURL: async ({}, use) => {
    const url = process.env.TB_E2E_BASE_URL;
    if (!url) throw new Error("TB_E2E_BASE_URL is not set: run the e2e tests through `npm run test:e2e`.");
    await use(url);
  },
  api: async ({ playwright, baseURL }, use) => {
    const context = await playwright.request.newContext({ baseURL });
    await use(context);
    await context.dispose();
  },
});

export { expect };

/** Removes every connector through the API so each spec starts from the empty state. */
export async function deleteAllConnectors(api: APIRequestContext) {
  const list = await (await api.get("/api/connectors?take=200")).json();
  for (const connector of list.items as { id: string }[]) {
    await api.delete(`/api/connectors/${connector.id}`);
  }
}
