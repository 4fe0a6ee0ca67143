// Entra's propagation delay, as the portal reads it: a new federated identity credential, service
// principal (admin consent) or role assignment can take minutes before Entra ID and the services
// honour it, and until then the errors look like misconfiguration (Learn: "it can take a few
// minutes for the federated credential to be propagated"; role assignments "up to 10 minutes").
// An error of that kind, shortly after a change that can explain it (a federated credential the
// portal created, a consent or grant the operator reported), says so; the chain test retries it.
// https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust
// https://learn.microsoft.com/azure/role-based-access-control/troubleshooting
import type { Db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { PROPAGATING_CODES, type PropagationCause } from "@/lib/schemas/propagation";

/** Audit actions after which Entra may still be propagating something, by what they explain. */
const CHANGES: Record<PropagationCause, string[]> = {
  // The portal created or found the credential through Graph.
  credential: ["connector.fic_created", "connector.fic_confirmed"],
  // The operator reported an admin consent or a grant (POST /api/connectors/{id}/changes); in the
  // demo, the sandbox's stand-in for the target admin granted the access.
  consent: ["connector.consented"],
  grant: ["connector.granted", "sandbox.ado_access_granted"],
};

/** Every audit action that can explain a propagation error. */
export const CHANGE_ACTIONS = Object.values(CHANGES).flat();

export type RecentChange = { at: Date; action: string };

/**
 * What may still be propagating when `code` comes after `change` (any change of a kind that
 * explains it when `change` is omitted), or null.
 */
export function propagationExplains(code: string | null | undefined, change?: RecentChange | null): string | null {
  const entry = code ? PROPAGATING_CODES[code] : undefined;
  if (!entry) return null;
  if (change !== undefined && (!change || !CHANGES[entry.cause].includes(change.action))) return null;
  return entry.what;
}

/** The operator's latest change of the connector that can explain propagation errors, within the window. */
export async function recentChangeOf(db: Db, connectorId: string, now = Date.now()): Promise<RecentChange | null> {
  const { windowMs } = settings().propagation;
  if (windowMs <= 0) return null;
  const latest = await db.auditEvent.findFirst({
    where: { targetType: "connector", targetId: connectorId, action: { in: CHANGE_ACTIONS }, at: { gte: new Date(now - windowMs) } },
    orderBy: { at: "desc" },
    select: { at: true, action: true },
  });
  return latest ?? null;
}

const ago = (at: Date, now: number) => {
  const seconds = Math.max(0, Math.round((now - at.getTime()) / 1000));
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
};

type Explained = { code?: string | null; cause?: string | null; fix?: string | null };

/** Adds "this may be propagation" to a decoded error or check that comes shortly after a change. */
export function propagationNote<T extends Explained>(decoded: T, change: RecentChange | null, now = Date.now()): T {
  const what = propagationExplains(decoded.code, change);
  if (!what || !change || !decoded.cause) return decoded;
  return {
    ...decoded,
    cause: `${decoded.cause} This connector changed ${ago(change.at, now)} ago, and ${what} can take a few minutes to take effect in Entra ID and the service, with exactly this error until then.`,
    fix: `If the values are right, wait a few minutes: the chain test retries by itself. Otherwise: ${decoded.fix ?? ""}`.trim(),
  };
}
