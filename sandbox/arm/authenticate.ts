// ARM accepts Entra tokens for https://management.azure.com/ (or the older
// https://management.core.windows.net/ resource), and only from the tenant a subscription
// belongs to: a token from another tenant is InvalidAuthenticationTokenTenant, however
// valid it is at home.
import type { SandboxContext, SandboxRequest, SandboxResponse } from "../contract";
import { armUnauthorized } from "./errors";

const ARM_AUDIENCES = ["https://management.azure.com/", "https://management.azure.com", "https://management.core.windows.net/", "https://management.core.windows.net"];

export type ArmCaller = {
  objectId: string;
  tenantId: string;
  /** What AuthorizationFailed calls the client: the upn for users, the object id for service principals. */
  clientName: string;
};

export async function authenticate(req: SandboxRequest, ctx: SandboxContext): Promise<ArmCaller | SandboxResponse> {
  const header = req.headers.authorization;
  if (!header) return armUnauthorized(ctx, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return armUnauthorized(ctx, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is provided in an invalid format.");
  const claims = await ctx.verifyAccessToken(match[1] as string);
  if (!claims) return armUnauthorized(ctx, "InvalidAuthenticationToken", "The access token is invalid.");
  if (!ARM_AUDIENCES.includes(claims.aud.toLowerCase())) {
    return armUnauthorized(
      ctx,
      "InvalidAuthenticationTokenAudience",
      `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences '${ARM_AUDIENCES.join("','")}'.`,
      claims.tid,
    );
  }
  const isApplication = claims.idtyp === "app" || (!claims.scp && Boolean(claims.appid));
  return { objectId: claims.oid, tenantId: claims.tid, clientName: isApplication ? claims.oid : (claims.upn ?? claims.preferred_username ?? claims.oid) };
}

export function wrongTenant(ctx: SandboxContext, tokenTenant: string, subscriptionTenant: string): SandboxResponse {
  return armUnauthorized(
    ctx,
    "InvalidAuthenticationTokenTenant",
    `The access token is from the wrong issuer '${ctx.origin}/${tokenTenant}/'. It must match the tenant '${ctx.origin}/${subscriptionTenant}/' associated with this subscription. Please use the authority (URL) '${ctx.origin}/${subscriptionTenant}' to get the token.`,
    subscriptionTenant,
  );
}
