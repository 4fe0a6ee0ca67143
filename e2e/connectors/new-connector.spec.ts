// The new-connector form's rough edges: a duplicate organization says so once and links the
// connector that has it; the page titles and addresses say what the operator typed.
import { TENANT } from "../../sandbox/world/default/ids";
import { deleteAllConnectors, expect, test } from "../fixtures";

test.describe("new connector", () => {
  test.beforeEach(async ({ api }) => deleteAllConnectors(api));

  test("a duplicate organization is named once, with a link to the connector that has it", async ({ api, page }) => {
    const created = await api.post("/api/connectors", { data: { kind: "ado", organization: "litware", authMethod: "pat", displayName: "Litware code" } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    await page.goto("/connectors/new");
    await expect(page).toHaveTitle("New connector · TenantBridge");
    await page.getByLabel("Organization", { exact: true }).fill("Litware");
    await page.getByRole("button", { name: /Create connector/ }).click();
    const field = page.getByLabel("Organization", { exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("litware already has a connector. Open it to change its sign-in method.")).toHaveCount(1);
    await expect(page.getByText(/already exists/)).toHaveCount(0);

    await page.getByRole("link", { name: "Open Litware code", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/connectors/${id}$`));
    // The tab names the connector; the header shows the organization's address as the form did.
    await expect(page).toHaveTitle("Litware code · Connectors · TenantBridge");
    const adoBase = new URL(`${process.env.TB_E2E_SANDBOX_ORIGIN}/ado`);
    await expect(page.getByText(`${adoBase.host}${adoBase.pathname}/litware`, { exact: true })).toBeVisible();
  });

  test("a Kusto connector is named after its cluster, and its page says how it signs in", async ({ api, page }) => {
    const created = await api.post("/api/connectors", {
      data: { kind: "kusto", clusterUrl: `${process.env.TB_E2E_SANDBOX_ORIGIN}/kusto/litware`, database: "Telemetry", authMethod: "mi_fic" },
    });
    expect(created.status()).toBe(201);
    expect(((await created.json()) as { displayName: string }).displayName).toBe("Telemetry on litware");

    await page.goto("/connectors/new?kind=kusto");
    await expect(page.getByText(/Validate quickly with OAuth/)).toHaveCount(0);
    await expect(page.getByText(/when the cluster is in another tenant/)).toBeVisible();
  });

  test("an organization Azure DevOps does not have is said so as it is typed; one it has brings its tenant", async ({ api, page }) => {
    await page.goto("/connectors/new");
    const field = page.getByLabel("Organization", { exact: true });
    await field.fill("nosuchorg");
    await expect(page.getByTestId("organization-existence")).toHaveAttribute("data-exists", "no");
    await expect(page.getByTestId("organization-existence")).toContainText("Azure DevOps has no organization named nosuchorg");

    await field.fill("fabrikam");
    await expect(page.getByTestId("organization-existence")).toHaveAttribute("data-exists", "yes");
    await expect(page.getByTestId("organization-existence")).toContainText(TENANT.fabrikam);
    await page.getByRole("button", { name: /Create connector/ }).click();
    await expect(page).toHaveURL(/\/connectors\/(?!new$)[^/?]+$/);
    const id = new URL(page.url()).pathname.split("/").at(-1)!;
    const connector = (await (await api.get(`/api/connectors/${id}`)).json()) as { targetTenantId: string | null };
    // The target tenant starts filled in from what Azure DevOps said, for the assistants and the OAuth sign-in.
    expect(connector.targetTenantId).toBe(TENANT.fabrikam);
  });

  test("the form names each field it is missing before anything is sent, and the server's refusal lands on its field", async ({ api, page }) => {
    await page.goto("/connectors/new");
    const organization = page.getByLabel("Organization", { exact: true });
    // An empty field is only called out once the operator tries to create the connector.
    await expect(page.getByText("Enter the organization name: the part after dev.azure.com/.")).toHaveCount(0);
    await page.getByRole("button", { name: "Create connector" }).click();
    await expect(page.getByText("Enter the organization name: the part after dev.azure.com/.")).toBeVisible();
    await expect(organization).toHaveAttribute("aria-invalid", "true");
    await expect(organization).toBeFocused();

    // The kinds are radios: arrow keys move between them, and a click on one chooses it.
    await page.getByRole("radio", { name: /Azure DevOps organization/ }).press("ArrowRight");
    await expect(page.getByRole("radio", { name: /Kusto database/ })).toBeChecked();
    await expect(page.getByLabel("Cluster URL", { exact: true })).toBeVisible();
    await page.getByRole("radio", { name: /Azure DevOps organization/ }).check();
    await expect(page.getByLabel("Organization", { exact: true })).toBeVisible();
    await page.getByRole("radio", { name: /Kusto database/ }).check();
    await expect(page.getByText("Enter the organization name: the part after dev.azure.com/.")).toHaveCount(0);
    await page.getByRole("button", { name: "Create connector" }).click();
    await expect(page.getByText("The cluster URL is required.")).toBeVisible();
    await expect(page.getByText("The database is required.")).toBeVisible();
    await page.getByLabel("Database", { exact: true }).fill("bad/name");
    await expect(page.getByText("The database may contain only letters, digits, spaces, dots, hyphens and underscores.")).toBeVisible();
    await expect(page.getByLabel("Database", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/connectors\/new$/);
    const list = (await (await api.get("/api/connectors")).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(0);
  });
});
