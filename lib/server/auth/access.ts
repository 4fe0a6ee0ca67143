import "server-only";
// Proof that a permission was checked. Every function that reads connectors, sources, runs,
// audit, health or settings for a caller takes an Access and refuses without one, so a page or
// handler that forgot its guard fails on its first request instead of leaking. Only
// requireOperator (pages), apiRoute (route handlers) and the agent's guard (lib/server/mcp/
// mcp-auth.ts) grant access, right after they authenticated the caller; eslint.config.mjs keeps
// grantAccess out of anything else.
import { can, type Operator, type Permission } from "./permissions";

declare const granted: unique symbol;

/** The operator of a checked session, and the permissions checked for them. */
export type Access<P extends Permission> = {
  readonly operator: Operator;
  // A key per permission, so a grant of several permissions fits a function that needs one of them.
  readonly [granted]: { readonly [K in P]: true };
};

/** Refused because no guard ran: a programming error, never an expected answer. */
export class AccessNotGrantedError extends Error {
  constructor(needed: readonly Permission[]) {
    super(`No access was granted for ${needed.join(" or ")}: call requireOperator() (pages) or go through apiRoute() (route handlers) first.`);
    this.name = "AccessNotGrantedError";
  }
}

// Object identity is the proof: a literal shaped like an Access, or a copy of one, is not in here.
const issued = new WeakMap<object, ReadonlySet<Permission>>();

/** For the guards only: the operator was found from a live session and holds every permission. */
export function grantAccess<P extends Permission>(operator: Operator, ...permissions: [P, ...P[]]): Access<P> {
  for (const permission of permissions) {
    if (!can(operator, permission)) throw new AccessNotGrantedError([permission]);
  }
  const access = Object.freeze({ operator: Object.freeze({ ...operator }) }) as unknown as Access<P>;
  issued.set(access, new Set<Permission>(permissions));
  return access;
}

/** Throws unless `access` was granted by a guard for one of `accepted`; data functions call it first. */
export function assertAccess(access: unknown, ...accepted: [Permission, ...Permission[]]): void {
  const permissions = typeof access === "object" && access !== null ? issued.get(access) : undefined;
  if (!permissions || !accepted.some((permission) => permissions.has(permission))) throw new AccessNotGrantedError(accepted);
}
