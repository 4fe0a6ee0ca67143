// A federated credential the portal knows exists (or is set up) on the agent's app for one
// identity: Entra allows one credential per issuer and subject on an app, so a second connector
// with the same app and identity reuses it instead of creating another.

export type KnownTrust = {
  appClientId: string;
  agentTenantId: string;
  miPrincipalId: string;
  /** The credential's name, when the portal knows it. */
  name: string | null;
  /** Where the portal learned it, in words ("created through this portal for connector 'litware'"). */
  source: string;
};

/** The trust that the values need, if the portal knows one (ids compared as Entra does, case-insensitively). */
export function matchingTrust(trusts: KnownTrust[], values: { appClientId: string; agentTenantId: string; miPrincipalId: string }): KnownTrust | null {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const matches = trusts.filter((trust) => same(trust.appClientId, values.appClientId) && same(trust.agentTenantId, values.agentTenantId) && same(trust.miPrincipalId, values.miPrincipalId));
  return matches.find((trust) => trust.name) ?? matches[0] ?? null;
}
