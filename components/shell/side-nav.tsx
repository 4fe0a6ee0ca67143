// The left navigation. Rendered on the server with its icons; only each link's active state
// follows client-side navigation (NavLink), so the icons ship no JavaScript.
import { Activity as HealthIcon, BookOpen as SourcesIcon, Building2 as BuildingIcon, ClipboardList as AuditIcon, Plug as ConnectorsIcon, Settings as SettingsIcon } from "lucide-react";
import { NavLink } from "./nav-link";
import { navItems, type NavItem } from "./nav-items";

const icons: Record<NavItem["icon"], typeof ConnectorsIcon> = {
  connectors: ConnectorsIcon,
  tenants: BuildingIcon,
  sources: SourcesIcon,
  health: HealthIcon,
  audit: AuditIcon,
  settings: SettingsIcon,
};

export function SideNav() {
  return (
    <nav aria-label="Main" className="flex gap-0.5 overflow-x-auto p-2 md:flex-col md:overflow-visible md:p-3">
      {navItems.map((item) => {
        const Icon = icons[item.icon];
        return (
          <NavLink key={item.href} href={item.href}>
            <Icon className="shrink-0 text-slate-500 group-hover:text-slate-700 group-aria-[current=page]:text-indigo-700" />
            {item.label}
          </NavLink>
        );
      })}
    </nav>
  );
}
