// Permissions are a typed list mapped to roles; route handlers and UI gating share it.
export const roles = ["admin", "reader"] as const;
export type Role = (typeof roles)[number];

/**
 * Who is calling: a signed-in person, or an API token acting with a role's permissions (`via`
 * says so; its id is "api-token:<id>" and its name "API token '<name>'", which the audit log shows).
 */
export type Operator = { id: string; name: string; role: Role; via?: "session" | "api_token" };

export const permissions = [
  "connectors.read",
  "connectors.write",
  "sources.read",
  "sources.write",
  "health.read",
  "health.check",
  "audit.read",
  "settings.read",
  // Agent identities and API tokens: who besides a signed-in person may call the portal.
  "access.manage",
] as const;
export type Permission = (typeof permissions)[number];

const readOnly: Permission[] = ["connectors.read", "sources.read", "health.read", "audit.read", "settings.read"];

export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(permissions),
  reader: new Set(readOnly),
};

/** Never through an API token, whatever its scope: a token cannot mint tokens or register identities. */
export const sessionOnlyPermissions: ReadonlySet<Permission> = new Set<Permission>(["access.manage"]);

export function can(operator: Pick<Operator, "role" | "via"> | null, permission: Permission): boolean {
  if (operator === null || !rolePermissions[operator.role].has(permission)) return false;
  return !(operator.via === "api_token" && sessionOnlyPermissions.has(permission));
}
