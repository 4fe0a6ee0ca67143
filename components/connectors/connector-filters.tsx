import Link from "next/link";
import type { ConnectorStatus } from "@/lib/schemas/connector";
import { buttonClasses } from "@/components/ui/button";
import { Search as SearchIcon } from "lucide-react";
import { cx } from "@/components/ui/cx";
import { connectorStatusLabels, connectorStatusOrder } from "./connector-status-badge";
import { connectorsHref } from "./connectors-href";

/**
 * Status tabs and a search box. A plain GET form: filtering works before (and without) any
 * JavaScript, and every filtered view has a URL an operator can share.
 */
export function ConnectorFilters({ status, search }: { status?: ConnectorStatus; search?: string }) {
  const tabs: Array<{ label: string; status?: ConnectorStatus }> = [{ label: "All" }, ...connectorStatusOrder.map((value) => ({ label: connectorStatusLabels[value], status: value }))];
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
      <nav aria-label="Filter by status" className="-mx-1 flex flex-wrap gap-1">
        {tabs.map((tab) => {
          const active = tab.status === status;
          return (
            <Link
              key={tab.label}
              href={connectorsHref({ status: tab.status, search })}
              aria-current={active ? "page" : undefined}
              className={cx("rounded-md px-2.5 py-1 text-sm font-medium", active ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900")}
            >
              {tab.label}
            </Link>
          );
        })}
      </nav>
      <form role="search" action="/connectors" method="get" className="flex items-center gap-2">
        {status ? <input type="hidden" name="status" value={status} /> : null}
        <label htmlFor="connector-search" className="sr-only">
          Search connectors by name or organization
        </label>
        <div className="relative">
          <SearchIcon size={16} className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-slate-500" />
          <input
            id="connector-search"
            type="search"
            name="search"
            defaultValue={search}
            maxLength={100}
            placeholder="Name or organization"
            className="h-8 w-56 rounded-md border-0 bg-white pr-3 pl-8 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-500 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:outline-none"
          />
        </div>
        <button type="submit" className={buttonClasses("secondary", "sm")}>
          Search
        </button>
      </form>
    </div>
  );
}
