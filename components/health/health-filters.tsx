import { authMethods } from "@/lib/schemas/connector";
import { buttonClasses } from "@/components/ui/button";
import { Search as SearchIcon } from "lucide-react";
import Link from "next/link";
import { healthHref, type HealthFilters as Filters } from "./health-href";
import { methodShortLabels } from "./health-row";

const field =
  "h-8 rounded-md border-0 bg-white px-2.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-500 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:outline-none";

/**
 * Search and filters as a plain GET form: it works without JavaScript and every view has a
 * URL to share. Organization and tenant take any value, with the known ones as suggestions.
 */
export function HealthFilters({ filters, organizations, tenants }: { filters: Filters; organizations: string[]; tenants: string[] }) {
  const filtered = Boolean(filters.status || filters.method || filters.organization || filters.tenant || filters.search);
  return (
    <form role="search" action="/health" method="get" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3">
      {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
      <div>
        <label htmlFor="health-search" className="block text-xs font-medium text-slate-700">
          Name
        </label>
        <div className="relative mt-1">
          <SearchIcon size={16} className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-slate-500" />
          <input id="health-search" type="search" name="search" defaultValue={filters.search} maxLength={100} placeholder="Connector name" className={`${field} w-48 pl-8`} />
        </div>
      </div>
      <div>
        <label htmlFor="health-method" className="block text-xs font-medium text-slate-700">
          Method
        </label>
        <select id="health-method" name="method" defaultValue={filters.method ?? ""} className={`${field} mt-1 w-40`}>
          <option value="">Any method</option>
          {authMethods.map((method) => (
            <option key={method} value={method}>
              {methodShortLabels[method]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="health-organization" className="block text-xs font-medium text-slate-700">
          Organization or cluster
        </label>
        <input id="health-organization" name="organization" list="health-organizations" defaultValue={filters.organization} maxLength={100} placeholder="Any" className={`${field} mt-1 w-44`} />
        <datalist id="health-organizations">
          {organizations.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor="health-tenant" className="block text-xs font-medium text-slate-700">
          Tenant id
        </label>
        <input id="health-tenant" name="tenant" list="health-tenants" defaultValue={filters.tenant} maxLength={36} placeholder="Any" className={`${field} mt-1 w-72 font-mono`} />
        <datalist id="health-tenants">
          {tenants.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClasses("secondary", "sm")}>
          Apply
        </button>
        {filtered ? (
          <Link href={healthHref({})} className={buttonClasses("ghost", "sm")}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
