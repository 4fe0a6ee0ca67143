// Who is calling an Azure DevOps organization. ADO accepts Entra access tokens for its
// resource (499b84ac-…) issued by the organization's own tenant, and PATs sent as Basic auth
// with any user name. An Entra access token also works as the Basic password (any user name),
// which is how git's credential helpers send one. Anything else is "bad credentials", which ADO reports differently for
// GET (203 sign-in page) and other verbs (401), see errors.ts.
import type { AccessTokenClaims, SandboxContext, SandboxRequest } from "../contract";
import type { AdoOrganization } from "../world/ado";

export const ADO_RESOURCE_ID = "499b84ac-1321-427f-aa17-267ca6975798";
const ADO_AUDIENCES = new Set([ADO_RESOURCE_ID, `${ADO_RESOURCE_ID}/`, `api://${ADO_RESOURCE_ID}`]);

export type AdoIdentity = {
  kind: "identity";
  principalId: string;
  tenantId: string;
  isApplication: boolean;
  /** From the token, for TF401444's "<tenant>\<upn>" form; absent for apps and PATs. */
  upn?: string;
  /** PAT scopes; null for Entra tokens, whose access is not narrowed by scopes in ADO's model. */
  patScopes: string[] | null;
};

export type AdoAuthentication = { kind: "anonymous" } | { kind: "invalid"; reason: string } | AdoIdentity;

export async function authenticate(req: SandboxRequest, ctx: SandboxContext, org: AdoOrganization): Promise<AdoAuthentication> {
  const header = req.headers.authorization;
  if (!header) return { kind: "anonymous" };
  const [scheme, credential = ""] = header.trim().split(/\s+/, 2);
  switch (scheme?.toLowerCase()) {
    case "bearer":
      return fromBearer(await ctx.verifyAccessToken(credential), org);
    case "basic": {
      const password = basicPassword(credential);
      if (password !== null && JWT.test(password)) return fromBearer(await ctx.verifyAccessToken(password), org);
      return fromPat(credential, org);
    }
    default:
      return { kind: "invalid", reason: `unsupported scheme ${scheme}` };
  }
}

function fromBearer(claims: AccessTokenClaims | null, org: AdoOrganization): AdoAuthentication {
  if (!claims) return { kind: "invalid", reason: "token signature, expiry or format" };
  if (!ADO_AUDIENCES.has(claims.aud)) return { kind: "invalid", reason: `audience ${claims.aud}` };
  // An organization is connected to one Entra tenant and accepts only that tenant's tokens.
  if (claims.tid.toLowerCase() !== org.tenantId.toLowerCase()) return { kind: "invalid", reason: `tenant ${claims.tid}` };
  const isApplication = claims.idtyp === "app" || (!claims.scp && Boolean(claims.appid));
  return {
    kind: "identity",
    principalId: claims.oid,
    tenantId: claims.tid,
    isApplication,
    upn: claims.upn ?? claims.preferred_username,
    patScopes: null,
  };
}

const JWT = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function basicPassword(credential: string): string | null {
  const decoded = Buffer.from(credential, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

function fromPat(credential: string, org: AdoOrganization): AdoAuthentication {
  let decoded: string;
  try {
    decoded = Buffer.from(credential, "base64").toString("utf8");
  } catch {
    return { kind: "invalid", reason: "malformed Basic credential" };
  }
  // ADO ignores the user name; only the part after the first colon is the token.
  const colon = decoded.indexOf(":");
  const token = colon >= 0 ? decoded.slice(colon + 1) : decoded;
  const pat = org.pats.find((candidate) => candidate.token === token);
  if (!pat) return { kind: "invalid", reason: "unknown PAT" };
  if (pat.revoked) return { kind: "invalid", reason: "revoked PAT" };
  if (Date.parse(pat.validTo) <= Date.now()) return { kind: "invalid", reason: "expired PAT" };
  const member = org.members.find((candidate) => candidate.principalId === pat.ownerId);
  return {
    kind: "identity",
    principalId: pat.ownerId,
    tenantId: org.tenantId,
    isApplication: false,
    upn: member?.uniqueName,
    patScopes: pat.scopes,
  };
}

/**
 * Whether a PAT's scopes cover what a route needs. Wider scopes include narrower ones
 * (vso.code_full ⊃ vso.code_write ⊃ vso.code), and app_token means full access.
 */
export function patAllows(patScopes: string[] | null, required: string | null): boolean {
  if (patScopes === null || required === null) return true;
  if (patScopes.includes("app_token")) return true;
  const [area, level = "read"] = required.replace(/^vso\./, "").split("_") as [string, string?];
  const rank: Record<string, number> = { read: 0, write: 1, manage: 2, full: 3 };
  const needed = rank[level] ?? 0;
  return patScopes.some((scope) => {
    const [grantedArea, grantedLevel = "read"] = scope.replace(/^vso\./, "").split("_") as [string, string?];
    return grantedArea === area && (rank[grantedLevel] ?? 0) >= needed;
  });
}
