// Kusto accepts Entra tokens whose audience is the Kusto first-party resource
// (https://kusto.kusto.windows.net, what /v1/rest/auth/metadata advertises) or the cluster URL
// itself, issued by the cluster's tenant. It identifies the caller by a principal FQN:
// `aadapp=<appId>;<tenantId>` for applications, `aaduser=<oid>;<tenantId>` for users.
import type { SandboxContext, SandboxRequest } from "../contract";
import type { KustoCluster } from "../world/kusto";

export const KUSTO_RESOURCE = "https://kusto.kusto.windows.net";

export type KustoCaller = {
  fqn: string;
  isApplication: boolean;
  /** App id for applications, object id for users: what `.show principal roles` prints. */
  objectId: string;
  tenantId: string;
};

export function clusterUrl(origin: string, cluster: KustoCluster): string {
  return `${origin}/kusto/${cluster.name}`;
}

export async function authenticate(req: SandboxRequest, ctx: SandboxContext, cluster: KustoCluster): Promise<KustoCaller | { failure: string }> {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return { failure: "The request has no Bearer token." };
  const claims = await ctx.verifyAccessToken(match[1] as string);
  if (!claims) return { failure: "The token is not valid (signature, expiry or format)." };
  const url = clusterUrl(ctx.origin, cluster);
  const audiences = [KUSTO_RESOURCE, `${KUSTO_RESOURCE}/`, url, `${url}/`].map((audience) => audience.toLowerCase());
  if (!audiences.includes(claims.aud.toLowerCase())) return { failure: `The token's audience '${claims.aud}' is not valid for this cluster.` };
  if (claims.tid.toLowerCase() !== cluster.tenantId.toLowerCase()) return { failure: `The token's tenant '${claims.tid}' is not the cluster's tenant.` };
  const isApplication = claims.idtyp === "app" || (!claims.scp && Boolean(claims.appid));
  const objectId = isApplication ? (claims.appid ?? claims.azp ?? claims.oid) : claims.oid;
  return {
    fqn: `${isApplication ? "aadapp" : "aaduser"}=${objectId};${claims.tid}`,
    isApplication,
    objectId,
    tenantId: claims.tid,
  };
}
