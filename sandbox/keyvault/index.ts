// The Azure Key Vault data plane subset of the sandbox: list secrets (names and attributes,
// never values), mounted at {origin}/keyvault/{vault} (the real endpoint is
// https://{vault}.vault.azure.net). Vaults use the Azure RBAC permission model: access comes
// from the world's role assignments' data actions. Texts follow Key Vault's answers as captured
// in Microsoft's troubleshooting guide
// (https://learn.microsoft.com/azure/key-vault/general/rest-error-codes) and in public issue
// reports of ForbiddenByRbac.
import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxService } from "../contract";
import { pathSegments } from "../ado/route-match";
import { isDataAuthorized } from "../arm/authorization";
import { keyVaultScope, type ArmSubscription, type KeyVault } from "../world/arm";
import { RESOURCE } from "../world/default/ids";

export const LIST_SECRETS_DATA_ACTION = "Microsoft.KeyVault/vaults/secrets/readMetadata/action";
const AUDIENCES = [RESOURCE.keyVault.uri, `${RESOURCE.keyVault.uri}/`, "https://vault.azure.net"];

const json = (ctx: SandboxContext, status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", "x-ms-request-id": ctx.newTraceId(), "x-ms-keyvault-service-version": "1.9.2164.1", ...headers },
  body,
});

/** Key Vault's 401 carries the challenge clients use to find the tenant and resource. */
const unauthorized = (ctx: SandboxContext, tenantId: string, message: string) =>
  json(ctx, 401, { error: { code: "Unauthorized", message } }, { "www-authenticate": `Bearer authorization="${ctx.origin}/${tenantId}", resource="${RESOURCE.keyVault.uri}"` });

function findVault(ctx: SandboxContext, name: string): { subscription: ArmSubscription; vault: KeyVault } | null {
  for (const subscription of ctx.world().arm.subscriptions) {
    const vault = subscription.keyVaults.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (vault) return { subscription, vault };
  }
  return null;
}

async function handle(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse | null> {
  const segments = pathSegments(req.url.pathname);
  if (!segments || segments[0] !== "keyvault" || segments.length !== 3 || segments[2]?.toLowerCase() !== "secrets" || req.method.toUpperCase() !== "GET") return null;
  const found = findVault(ctx, segments[1] as string);
  if (!found) return json(ctx, 404, { error: { code: "VaultNotFound", message: `The vault '${segments[1]}' could not be found.` } });
  const { subscription, vault } = found;
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  if (!match) return unauthorized(ctx, subscription.tenantId, "AKV10000: Request is missing a Bearer or PoP token.");
  if (!req.url.searchParams.get("api-version")) return json(ctx, 400, { error: { code: "BadParameter", message: "The request URI contains an invalid or missing api-version parameter." } });
  const claims = await ctx.verifyAccessToken(match[1] as string);
  if (!claims) return unauthorized(ctx, subscription.tenantId, "AKV10021: Invalid token signature or the token has expired.");
  if (!AUDIENCES.includes(claims.aud)) return unauthorized(ctx, subscription.tenantId, `AKV10022: Invalid audience. Expected ${RESOURCE.keyVault.uri}, found: ${claims.aud}.`);
  if (claims.tid.toLowerCase() !== subscription.tenantId.toLowerCase()) {
    return unauthorized(ctx, subscription.tenantId, `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/${subscription.tenantId}/, found: ${claims.iss}.`);
  }
  const scope = keyVaultScope(subscription.subscriptionId, vault);
  if (!isDataAuthorized(subscription, claims.oid, LIST_SECRETS_DATA_ACTION, scope)) {
    return json(ctx, 403, {
      error: {
        code: "Forbidden",
        message: [
          "Caller is not authorized to perform action on resource.",
          "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.",
          `Caller: appid=${claims.appid ?? claims.azp ?? "?"};oid=${claims.oid};iss=${claims.iss}`,
          `Action: '${LIST_SECRETS_DATA_ACTION}'`,
          `Resource: '${scope.toLowerCase()}'`,
          "Assignment: (not found)",
          "DecisionReason: 'DeniedWithNoValidRBAC' ",
          `Vault: ${vault.name};location=${vault.location}`,
          "",
        ].join("\r\n"),
        innererror: { code: "ForbiddenByRbac" },
      },
    });
  }
  const base = `${ctx.origin}/keyvault/${vault.name}`;
  const created = Math.floor(Date.parse("2025-01-06T09:00:00Z") / 1000);
  return json(ctx, 200, {
    value: vault.secrets.map((name) => ({ id: `${base}/secrets/${name}`, attributes: { enabled: true, created, updated: created, recoveryLevel: "Recoverable+Purgeable", recoverableDays: 90 } })),
    nextLink: null,
  });
}

export const keyVaultService: SandboxService = { name: "Azure Key Vault", prefix: "/keyvault", handle };
