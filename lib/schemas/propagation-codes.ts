// Entra's propagation delay as the portal and its pages read it: which error codes a change that
// has not reached Entra ID and the services yet produces, and which kind of change explains each.
// A new federated credential, service principal (admin consent) or role assignment can take
// minutes before it is honoured, and until then the errors look like misconfiguration. No zod
// here: the connector page reads these as it loads (the schemas are in ./propagation).

/** A change the operator made outside the portal and tells it about, so the chain test can wait for it. */
export const reportableChanges = ["consented", "granted"] as const;
export type ReportableChange = (typeof reportableChanges)[number];

/** What explains a propagation error: a credential, a consent or a grant. */
export type PropagationCause = "credential" | "consent" | "grant";

/** Codes a change that has not propagated yet produces, with what is still propagating and which change explains them. */
export const PROPAGATING_CODES: Record<string, { what: string; cause: PropagationCause }> = {
  AADSTS700211: { what: "a new federated credential", cause: "credential" },
  AADSTS700213: { what: "a new federated credential", cause: "credential" },
  AADSTS70021: { what: "a new federated credential", cause: "credential" },
  AADSTS70025: { what: "a new federated credential", cause: "credential" },
  AADSTS700016: { what: "the app's new service principal (admin consent)", cause: "consent" },
  AADSTS65001: { what: "a new consent", cause: "consent" },
  TF401444: { what: "the identity's new organization membership", cause: "grant" },
  VS800075: { what: "the identity's new project membership", cause: "grant" },
  TF200016: { what: "the identity's new project membership", cause: "grant" },
  TF401019: { what: "a new repository permission", cause: "grant" },
  "HTTP 403": { what: "a new role assignment", cause: "grant" },
  AuthorizationFailed: { what: "a new role assignment", cause: "grant" },
};

/** The change that would explain `code` while it propagates, or null. */
export function propagationCauseOf(code: string | null | undefined): PropagationCause | null {
  return code ? (PROPAGATING_CODES[code]?.cause ?? null) : null;
}

/** The change an operator can report for a failing code (a credential is recorded by the portal itself). */
export function reportableChangeOf(code: string | null | undefined): ReportableChange | null {
  const cause = propagationCauseOf(code);
  return cause === "consent" ? "consented" : cause === "grant" ? "granted" : null;
}
