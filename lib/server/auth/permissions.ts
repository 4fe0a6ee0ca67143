// Permissions are a typed list mapped to roles; route handlers and UI gating share it.
export const roles = ["admin", "reader"] as const;
export type Role = (typeof roles)[number];

export type Operator = { id: string; name: string; role: Role };

export const permissions = [
  "connectors.read",
  "connectors.write",
  "sources.read",
  "sources.write",
  "health.read",
  "health.check",
  "audit.read",
  "settings.read",
] as const;
export type Permission = (typeof permissions)[number];

const readOnly: Permission[] = ["connectors.read", "sources.read", "health.read", "audit.read", "settings.read"];

export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(permissions),
  reader: new Set(readOnly),
};

export function can(operator: Pick<Operator, "role"> | null, permission: Permission): boolean {
  return operator !== null && rolePermissions[operator.role].has(permission);
}
