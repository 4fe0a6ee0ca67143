import "server-only";
// Who Azure DevOps thinks a credential is, in one organization: GET {org}/_apis/connectionData.
// The route is preview-only (plain 7.1 is refused), and without `X-TFS-FedAuthRedirect: Suppress`
// a bad credential gets a 203 HTML sign-in page instead of a 401. The 401's
// `x-vss-resourcetenant` names the Entra tenant the organization is connected to.
import { z } from "zod";
import { outboundFetch, type OutboundAnswer } from "@/lib/server/outbound/outbound-fetch";
import { settings } from "@/lib/server/settings";

const identitySchema = z.object({
  id: z.string(),
  providerDisplayName: z.string().optional(),
  descriptor: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
const connectionDataSchema = z.object({ authenticatedUser: identitySchema });
const adoErrorSchema = z.object({ message: z.string(), typeKey: z.string().optional() });

/** ADO's anonymous identity; a 200 that names it means the credential was ignored. */
const ANONYMOUS_DESCRIPTOR = /S-1-0-0|anonymous/i;

export type AdoCaller = { id: string; displayName: string; account: string };

export type AdoProbe =
  | { kind: "ok"; caller: AdoCaller }
  | { kind: "rejected"; status: number; message: string; code: string | null; resourceTenantId: string | null }
  | { kind: "organization_not_found"; message: string }
  | { kind: "unexpected"; status: number; message: string };

export function adoOrganizationUrl(organization: string): string {
  return `${settings().adoBaseUrl}/${encodeURIComponent(organization)}`;
}

/** Reads ADO's JSON error message; HTML or empty bodies become a short description instead. */
export async function adoErrorMessage(response: OutboundAnswer): Promise<{ message: string; code: string | null }> {
  const text = await response.text();
  let message = text.startsWith("<") || text.trim() === "" ? `HTTP ${response.status} with no JSON error` : text.slice(0, 500);
  try {
    const parsed = adoErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) message = parsed.data.message;
  } catch {
    // Not JSON: keep the description above.
  }
  return { message, code: /\b(TF\d{5,6})\b/.exec(message)?.[1] ?? null };
}

/** `authorization` null asks anonymously (to learn the organization's tenant from the challenge). */
export async function probeAdoConnection(organization: string, authorization: string | null): Promise<AdoProbe> {
  const headers: Record<string, string> = { accept: "application/json", "x-tfs-fedauthredirect": "Suppress" };
  if (authorization) headers.authorization = authorization;
  const response = await outboundFetch(`${adoOrganizationUrl(organization)}/_apis/connectionData?api-version=7.1-preview`, { service: "ado", headers });
  if (response.status === 200) {
    const parsed = connectionDataSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) return { kind: "unexpected", status: 200, message: "Azure DevOps answered connectionData without an authenticated user." };
    const user = parsed.data.authenticatedUser;
    if (ANONYMOUS_DESCRIPTOR.test(user.descriptor ?? "")) {
      return { kind: "rejected", status: 200, message: "Azure DevOps treated the request as anonymous.", code: null, resourceTenantId: null };
    }
    const account = z.object({ $value: z.string() }).safeParse(user.properties?.Account);
    return {
      kind: "ok",
      caller: { id: user.id, displayName: user.providerDisplayName ?? user.id, account: account.success ? account.data.$value : (user.providerDisplayName ?? user.id) },
    };
  }
  const { message, code } = await adoErrorMessage(response);
  if (response.status === 404) return { kind: "organization_not_found", message };
  if (response.status === 401 || response.status === 403 || response.status === 203) {
    return { kind: "rejected", status: response.status, message, code, resourceTenantId: response.headers.get("x-vss-resourcetenant") };
  }
  return { kind: "unexpected", status: response.status, message };
}

/** The Entra tenant an organization is connected to, from ADO's 401 challenge; null when ADO does not say. */
export async function organizationTenantId(organization: string): Promise<string | null> {
  const probe = await probeAdoConnection(organization, null).catch(() => null);
  return probe?.kind === "rejected" ? probe.resourceTenantId : null;
}
