import "server-only";
// The display name of the tenant an account signed in from ("Litware"), for people reading the
// result; the tenant id stays the reference. Best effort: Graph's /organization needs User.Read,
// which most tenants let users consent to, and nothing depends on the answer.
import type { AccountInfo, ConfidentialClientApplication } from "@azure/msal-node";
import { z } from "zod";
import { outboundFetch } from "@/lib/server/outbound/outbound-fetch";
import { settings } from "@/lib/server/settings";

const GRAPH_USER_READ = "https://graph.microsoft.com/User.Read";
const organizationSchema = z.object({ value: z.array(z.object({ displayName: z.string().max(256) })).min(1) });

export async function tenantDisplayName(msal: ConfidentialClientApplication, account: AccountInfo): Promise<string | null> {
  try {
    const config = settings();
    const token = await msal.acquireTokenSilent({ account, scopes: [GRAPH_USER_READ], authority: `${config.authorityHost}/${account.tenantId}` });
    const response = await outboundFetch(`${config.graphBaseUrl}/v1.0/organization?$select=displayName`, {
      service: "graph",
      headers: { authorization: `Bearer ${token.accessToken}`, accept: "application/json" },
      timeoutMs: 5000,
      maxAttempts: 1,
    });
    if (!response.ok) return null;
    const parsed = organizationSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.value[0]!.displayName : null;
  } catch {
    return null;
  }
}
