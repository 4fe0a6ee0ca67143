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
      {/* On a phone the navigation is a row under the top bar that scrolls sideways; from md up, a sidebar. */}
      <div className="flex flex-col md:flex-row">
        <aside className="shrink-0 border-b border-slate-200 bg-white md:w-56 md:border-r md:border-b-0 xl:w-60">
          <div className="md:sticky md:top-14 md:flex md:h-[calc(100vh-3.5rem)] md:flex-col md:justify-between">
            <SideNav />
            <p className="hidden border-t border-slate-200 px-6 py-4 text-xs leading-5 text-slate-600 md:block">Connectors for your agent, across Entra ID tenants.</p>
          </div>
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-6 md:py-8 lg:px-10">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
