import type { ReactNode } from "react";
import { SideNav } from "@/components/shell/side-nav";
import { TopBar } from "@/components/shell/top-bar";
import { requireSignedIn } from "@/lib/server/auth/require-operator";
import { settings } from "@/lib/server/settings";

/** The signed-in shell: top bar, left navigation and the page. Settings are read here, on the server. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  // Not enough on its own: App Router renders the page in parallel, so each page guards itself too.
  const operator = await requireSignedIn();
  const { sandbox, authorityHost } = settings();

  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only rounded-md bg-white text-sm font-medium text-indigo-700 shadow-lg ring-1 ring-slate-200 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:px-4 focus:py-2"
      >
        Skip to content
      </a>
      <TopBar operator={operator} environment={{ sandbox, authorityHost }} />
      <div className="flex">
        <aside className="w-56 shrink-0 xl:w-60 border-r border-slate-200 bg-white">
          <div className="sticky top-14 flex h-[calc(100vh-3.5rem)] flex-col justify-between">
            <SideNav />
            <p className="border-t border-slate-200 px-6 py-4 text-xs leading-5 text-slate-600">
              Connectors for your agent, across Entra ID tenants.
            </p>
          </div>
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-6 py-8 focus:outline-none lg:px-10">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
