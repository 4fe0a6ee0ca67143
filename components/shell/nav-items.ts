/** The sections of the signed-in shell, in navigation order. */
export const navItems = [
  { href: "/connectors", label: "Connectors", icon: "connectors" },
  { href: "/tenants", label: "Tenants", icon: "tenants" },
  { href: "/knowledge-sources", label: "Knowledge sources", icon: "sources" },
  { href: "/health", label: "Health", icon: "health" },
  { href: "/audit", label: "Audit log", icon: "audit" },
  { href: "/settings", label: "Settings", icon: "settings" },
] as const;

export type NavItem = (typeof navItems)[number];
