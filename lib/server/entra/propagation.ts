// Entra's propagation delay, as the portal reads it: a new federated identity credential, service
// principal (admin consent) or role assignment can take minutes before Entra ID and the services
// honour it, and until then the errors look like misconfiguration (Learn: "it can take a few
// minutes for the federated credential to be propagated"; role assignments "up to 10 minutes").
// An error of that kind, shortly after the connector changed, says so; the chain test retries it.
// https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust
// https://learn.microsoft.com/azure/role-based-access-control/troubleshooting
import type { Db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";

/** Codes a change that has not propagated yet produces, with what is still propagating. */
const PROPAGATING: Record<string, string> = {
  AADSTS700211: "a new federated credential",
  AADSTS700213: "a new federated credential",
  AADSTS70021: "a new federated credential",
  AADSTS70025: "a new federated credential",
  AADSTS700016: "the app's new service principal (admin consent)",
  AADSTS65001: "a new consent",
  TF401444: "the identity's new organization membership",
  VS800075: "the identity's new project membership",
  TF200016: "the identity's new project membership",
  TF401019: "a new repository permission",
  "HTTP 403": "a new role assignment",
  AuthorizationFailed: "a new role assignment",
};

/** What is probably still propagating when `code` comes shortly after a change, or null. */
export function propagationExplains(code: string | null | undefined): string | null {
  return code ? (PROPAGATING[code] ?? null) : null;
}

/** Audit actions that change what a connector's chain depends on. */
export const CHANGE_ACTIONS = [
  "connector.created",
  "connector.updated",
  "connector.fic_created",
  "connector.fic_confirmed",
  "connector.fic_draft_saved",
  "connector.oauth_signed_in",
  "connector.pat_set",
  "connector.consented",
  "connector.granted",
];

/** When an operator last changed the connector, from the audit log; null when not within the window. */
export async function recentChangeOf(db: Db, connectorId: string, now = Date.now()): Promise<Date | null> {
  const { windowMs } = settings().propagation;
  if (windowMs <= 0) return null;
  const latest = await db.auditEvent.findFirst({
    where: { targetType: "connector", targetId: connectorId, action: { in: CHANGE_ACTIONS }, at: { gte: new Date(now - windowMs) } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  return latest?.at ?? null;
}

const ago = (at: Date, now: number) => {
  const seconds = Math.max(0, Math.round((now - at.getTime()) / 1000));
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
};

type Explained = { code?: string | null; cause?: string | null; fix?: string | null };

/** Adds "this may be propagation" to a decoded error or check that comes shortly after a change. */
export function propagationNote<T extends Explained>(decoded: T, changedAt: Date | null, now = Date.now()): T {
  const what = propagationExplains(decoded.code);
  if (!what || !changedAt || !decoded.cause) return decoded;
  return {
    ...decoded,
    cause: `${decoded.cause} This connector changed ${ago(changedAt, now)} ago, and ${what} can take a few minutes to take effect in Entra ID and the service, with exactly this error until then.`,
    fix: `If the values are right, wait a few minutes: the chain test retries by itself. Otherwise: ${decoded.fix ?? ""}`.trim(),
  };
}
