// The agent's side of the token API, as an agent would write it: the real ManagedIdentityCredential
// gets the agent's token for the portal's API from the host's managed identity endpoint, and
// POST /api/agent/token trades it for a credential for one organization or Kusto database.
//
//   npm run agent:token -- --organization litware
//   npm run agent:token -- --cluster https://mycluster.westeurope.kusto.windows.net --database Samples
//
// Options (or environment): --portal (TB_PORTAL_URL, default http://localhost:3000), --client-id
// (AZURE_CLIENT_ID: the user-assigned identity's client id), --resource (TB_API_AUDIENCE, default
// api://<TB_PORTAL_CLIENT_ID>), --show-token (print the credential; otherwise only its first characters).
// Against the demo (a loopback portal, no managed identity endpoint in the environment) it uses the
// sandbox's managed identity endpoint and the default world's agent identity and portal app.
import { parseArgs } from "node:util";
import { AGENT_IDENTITY, DEFAULT_IDENTITY_HEADER, PORTAL_APP } from "../sandbox/world/default/ids";

const { values } = parseArgs({
  options: {
    organization: { type: "string" },
    cluster: { type: "string" },
    database: { type: "string" },
    portal: { type: "string" },
    "client-id": { type: "string" },
    resource: { type: "string" },
    "show-token": { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const portal = (values.portal ?? process.env.TB_PORTAL_URL ?? "http://localhost:3000").replace(/\/+$/, "");
const target = values.organization
  ? { organization: values.organization }
  : values.cluster && values.database
    ? { clusterUrl: values.cluster, database: values.database }
    : fail("Name what the credential is for: --organization <name>, or --cluster <url> --database <name>.");

const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(new URL(portal).hostname);
const demo = loopback && !process.env.IDENTITY_ENDPOINT && !process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST && !process.env.MSI_ENDPOINT;
if (demo) {
  // The sandbox cloud's managed identity endpoint (App Service protocol), as `npm start` runs it.
  process.env.IDENTITY_ENDPOINT = `http://localhost:${process.env.SANDBOX_MI_PORT ?? "8444"}/msi/token`;
  process.env.IDENTITY_HEADER = DEFAULT_IDENTITY_HEADER;
  console.error(`Demo: using the sandbox's managed identity endpoint ${process.env.IDENTITY_ENDPOINT}`);
}
const clientId = values["client-id"] ?? process.env.AZURE_CLIENT_ID ?? (demo ? AGENT_IDENTITY.clientId : undefined);
const portalClientId = process.env.TB_PORTAL_CLIENT_ID ?? (demo ? PORTAL_APP.appId : undefined);
const resource = values.resource ?? process.env.TB_API_AUDIENCE ?? (portalClientId ? `api://${portalClientId}` : fail("Set --resource api://<portal client id> (or TB_PORTAL_CLIENT_ID)."));

async function main(): Promise<void> {
  // Loaded after the environment is set: the credential reads the endpoint when it is created.
  const { ManagedIdentityCredential } = await import("@azure/identity");
  const credential = clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
  const accessToken = await credential.getToken(`${resource}/.default`);
  const response = await fetch(`${portal}/api/agent/token`, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken.token}`, "content-type": "application/json" },
    body: JSON.stringify(target),
  });
  const body = (await response.json()) as
    | { authorization: string; expiresOn: string | null; method: string }
    | { error: { code: string; message: string; hint?: string; decoded?: { code: string; cause: string; fix: string; link?: { href: string } } } };
  if (!response.ok || !("authorization" in body)) {
    const error = "error" in body ? body.error : { code: String(response.status), message: response.statusText };
    console.error(`${response.status} ${error.code}: ${error.message}`);
    if ("hint" in error && error.hint) console.error(`Fix: ${error.hint}`);
    if ("decoded" in error && error.decoded?.link) console.error(`Link: ${error.decoded.link.href}`);
    const challenge = response.headers.get("www-authenticate");
    if (challenge) console.error(`WWW-Authenticate: ${challenge}`);
    process.exit(1);
  }
  const [scheme, secret] = body.authorization.split(" ");
  const shown = values["show-token"] ? body.authorization : `${scheme} ${secret?.slice(0, 8)}… (--show-token prints it)`;
  console.log(JSON.stringify({ method: body.method, expiresOn: body.expiresOn, authorization: shown }, null, 2));
}

main().catch((error: unknown) => fail(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
