import "server-only";
// Whether an Azure DevOps organization exists, and which Entra ID tenant it belongs to, asked
// without credentials: `GET {org}/_apis/connectionData` with `X-TFS-FedAuthRedirect: Suppress`.
// An existing organization refuses the anonymous caller with a 401 whose `X-VSS-ResourceTenant`
// header (and the Bearer challenge's authorization_uri) names its tenant; this is how Git
// Credential Manager and the Azure Pipelines agent find an organization's authority. An unknown
// organization answers 404. Anything else (a 5xx, no answer in time) decides nothing, and the
// first credential check says whether the organization exists.
import { outboundFetch, type OutboundAnswer } from "@/lib/server/outbound/outbound-fetch";
import { settings } from "@/lib/server/settings";

export type OrganizationDiscovery = { status: "exists"; tenantId: string | null } | { status: "not_found" } | { status: "unknown" };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Organizations backed by Microsoft accounts rather than an Entra ID tenant report the empty GUID. */
const NO_TENANT = "00000000-0000-0000-0000-000000000000";

function tenantFrom(response: OutboundAnswer): string | null {
  const header = response.headers.get("x-vss-resourcetenant")?.trim() ?? "";
  if (GUID.test(header)) return header.toLowerCase() === NO_TENANT ? null : header.toLowerCase();
  const challenge = /authorization_uri=\S*?\/([0-9a-f-]{36})\b/i.exec(response.headers.get("www-authenticate") ?? "")?.[1];
  return challenge && GUID.test(challenge) && challenge !== NO_TENANT ? challenge.toLowerCase() : null;
}

export async function discoverOrganization(name: string, options: { timeoutMs?: number } = {}): Promise<OrganizationDiscovery> {
  const base = settings().adoBaseUrl.replace(/\/+$/, "");
  const url = `${base}/${encodeURIComponent(name)}/_apis/connectionData?api-version=7.1-preview`;
  let response: OutboundAnswer;
  try {
    response = await outboundFetch(url, { service: "ado", headers: { "X-TFS-FedAuthRedirect": "Suppress" }, timeoutMs: options.timeoutMs ?? 3_000 });
  } catch {
    return { status: "unknown" };
  }
  if (response.status === 404) return { status: "not_found" };
  if (response.status === 401 || response.status === 200 || response.status === 203) return { status: "exists", tenantId: tenantFrom(response) };
  return { status: "unknown" };
}
