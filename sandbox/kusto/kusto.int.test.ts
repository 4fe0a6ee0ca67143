// Kusto in the running sandbox with tokens from the real @azure/identity chain: the auth
// metadata the SDK reads first, a viewer's query, ADX's 403 for a database without a role,
// and the same query passing once the viewer grant is in the world.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { agentToken, loadIdentity } from "../ado/testing/agent-credential";
import { admin, cloneWorld, startTestSandbox } from "../testing/test-sandbox";
import { CONNECTOR_APP, TENANT } from "../world/default/ids";

let sandbox: RunningSandbox;
let identity: Awaited<ReturnType<typeof loadIdentity>>;
let cluster: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  identity = await loadIdentity(sandbox);
  cluster = `${sandbox.origin}/kusto/litware`;
});
afterEach(async () => {
  await admin(sandbox, "POST", "/reset");
});
afterAll(async () => {
  await sandbox.stop();
});

type Frame = { FrameType: string; TableKind?: string; Rows?: unknown[][] };
type KustoError = { error: { code: string; "@message": string } };

async function kusto(path: string, token: string, body: { db?: string; csl: string }): Promise<Response> {
  return fetch(`${cluster}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8", "x-ms-client-request-id": "TenantBridge.probe;1" },
    body: JSON.stringify(body),
  });
}

async function metadataScope(): Promise<string> {
  const metadata = (await (await fetch(`${cluster}/v1/rest/auth/metadata`)).json()) as { AzureAD: { KustoServiceResourceId: string; LoginEndpoint: string } };
  expect(metadata.AzureAD.LoginEndpoint).toBe(sandbox.origin);
  return `${metadata.AzureAD.KustoServiceResourceId}/.default`;
}

describe("Kusto with the connector's Litware identity", () => {
  it("queries Telemetry as a viewer with a token for the scope the metadata names", async () => {
    const token = await agentToken(identity, sandbox, TENANT.litware, await metadataScope());
    const response = await kusto("/v2/rest/query", token, { db: "Telemetry", csl: 'Requests | where Region == "westeurope" | count' });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ms-client-request-id")).toBe("TenantBridge.probe;1");
    const frames = (await response.json()) as Frame[];
    expect(frames.find((frame) => frame.TableKind === "PrimaryResult")?.Rows).toEqual([[6]]);
    expect(frames.at(-1)).toMatchObject({ FrameType: "DataSetCompletion", HasErrors: false });
  });

  it("also accepts a token whose audience is the cluster URL", async () => {
    const token = await agentToken(identity, sandbox, TENANT.litware, `${cluster}/.default`);
    expect((await kusto("/v1/rest/query", token, { db: "Telemetry", csl: "print x=1" })).status).toBe(200);
  });

  it("shows the connector's role and gets ADX's 403 on Billing, then passes after the viewer grant", async () => {
    const token = await agentToken(identity, sandbox, TENANT.litware, await metadataScope());
    const roles = (await (await kusto("/v1/rest/mgmt", token, { db: "Telemetry", csl: ".show principal roles" })).json()) as { Tables: { Rows: unknown[][] }[] };
    expect(roles.Tables[0]?.Rows).toEqual([["Database Telemetry", "TenantBridge Connector", CONNECTOR_APP.appId, "Viewer"]]);

    const denied = await kusto("/v2/rest/query", token, { db: "Billing", csl: "Invoices | take 1" });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as KustoError).error["@message"]).toBe(`Principal 'aadapp=${CONNECTOR_APP.appId};${TENANT.litware}' is not authorized to read database 'Billing'.`);

    // What `.add database Billing viewers ('aadapp=<appId>;<tenantId>')` does, loaded through the admin API.
    const world = cloneWorld(sandbox);
    world.kusto.clusters[0]!.databases.find((database) => database.name === "Billing")!.principals.push({
      role: "viewers",
      fqn: `aadapp=${CONNECTOR_APP.appId};${TENANT.litware}`,
      displayName: "TenantBridge Connector",
    });
    expect((await admin(sandbox, "PUT", "/world", world)).status).toBe(200);
    const allowed = await kusto("/v2/rest/query", token, { db: "Billing", csl: "Invoices | count" });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as Frame[]).find((frame) => frame.TableKind === "PrimaryResult")?.Rows).toEqual([[3]]);
  });

  it("refuses the connector's Contoso token for Litware's cluster with 401", async () => {
    const token = await agentToken(identity, sandbox, TENANT.contoso, await metadataScope());
    const response = await kusto("/v2/rest/query", token, { db: "Telemetry", csl: "print x=1" });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });
});
