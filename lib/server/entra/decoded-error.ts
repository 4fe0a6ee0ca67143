/** An upstream failure explained for the operator: what happened, why, and what to do next. */
export type DecodedError = {
  /** The code the service gave (AADSTS700213, TF401444, HTTP 403 …). */
  code: string;
  title: string;
  cause: string;
  fix: string;
  /** Values to show side by side: what the chain needs next to what is configured. */
  expected?: string;
  configured?: string;
  /** A link the fix needs (the admin consent URL, a docs page). */
  link?: { label: string; href: string };
  /** The service's own words, verbatim, with its trace id when it gave one. */
  raw: string;
  traceId?: string;
  correlationId?: string;
  /** How long the service asked callers to wait (its Retry-After), when it throttled. */
  retryAfterMs?: number;
};

/** What the decoder knows about the setup, to fill in expected and configured values. */
export type ChainContext = {
  authorityHost: string;
  agentTenantId?: string | null;
  miClientId?: string | null;
  miPrincipalId?: string | null;
  appClientId?: string | null;
  targetTenantId?: string | null;
  adoOrganization?: string | null;
  kustoDatabase?: string | null;
};
