import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LogoMark } from "./logo";
import { SignOutButton } from "./sign-out-button";

export type ShellOperator = { name: string; role: "admin" | "reader" };
export type ShellEnvironment = { sandbox: boolean; authorityHost: string };

const roleLabels: Record<ShellOperator["role"], string> = { admin: "Administrator", reader: "Reader" };

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}

function EnvironmentBadge({ environment }: { environment: ShellEnvironment }) {
  if (environment.sandbox) {
    return (
      <Badge tone="warning" className="hidden sm:inline-flex">
        <span className="size-1.5 rounded-full bg-amber-500" aria-hidden="true" />
        Sandbox cloud
      </Badge>
    );
  }
  const host = new URL(environment.authorityHost).host;
  return (
    <Badge tone="neutral" className="hidden sm:inline-flex">
      {host === "login.microsoftonline.com" ? "Azure" : host}
    </Badge>
  );
}

export function TopBar({ operator, environment }: { operator: ShellOperator; environment: ShellEnvironment }) {
  return (
    <header className="sticky top-0 z-20 flex h-14 items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 lg:px-6">
      <div className="flex items-center gap-3">
        <Link
          href="/connectors"
          className="flex items-center gap-2.5 rounded-md font-semibold tracking-tight text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          <LogoMark />
          <span className="text-[15px]">TenantBridge</span>
        </Link>
        <span className="hidden h-5 w-px bg-slate-200 sm:block" aria-hidden="true" />
        <EnvironmentBadge environment={environment} />
      </div>
      <div className="flex items-center gap-3">
        <div className="hidden text-right leading-tight sm:block">
          <div className="text-sm font-medium text-slate-900">
            <span className="sr-only">Signed in as </span>
            {operator.name}
          </div>
          <div className="text-xs text-slate-600">{roleLabels[operator.role]}</div>
        </div>
        <span className="flex size-8 items-center justify-center rounded-full bg-slate-800 text-xs font-semibold text-white" aria-hidden="true">
          {initials(operator.name)}
        </span>
        <span className="h-5 w-px bg-slate-200" aria-hidden="true" />
        <SignOutButton />
      </div>
    </header>
  );
}
