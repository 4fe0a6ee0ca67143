"use client";
// Client only because the active item follows client-side navigation (usePathname).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Activity as HealthIcon, BookOpen as SourcesIcon, Building2 as BuildingIcon, ClipboardList as AuditIcon, Plug as ConnectorsIcon, Settings as SettingsIcon } from "lucide-react";
import { cx } from "@/components/ui/cx";
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
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex gap-0.5 overflow-x-auto p-2 md:flex-col md:overflow-visible md:p-3">
      {navItems.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        const Icon = icons[item.icon];
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cx(
              "group flex shrink-0 items-center gap-2 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors md:gap-3",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
              active ? "bg-indigo-50 text-indigo-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            <Icon className={cx("shrink-0", active ? "text-indigo-700" : "text-slate-500 group-hover:text-slate-700")} />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
