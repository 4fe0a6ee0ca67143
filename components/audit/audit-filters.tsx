import Link from "next/link";
import { auditTargetTypes } from "@/lib/schemas/audit";
import { buttonClasses } from "@/components/ui/button";
import type { AuditFilters as Filters } from "./audit-href";

const field =
  "mt-1 h-8 rounded-md border-0 bg-white px-2.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-500 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:outline-none";

export const targetTypeLabels: Record<(typeof auditTargetTypes)[number], string> = {
  connector: "Connector",
  organization: "Organization",
  knowledge_source: "Knowledge source",
  settings: "Settings",
  tenant: "Tenant",
  agent_identity: "Agent identity",
  api_token: "API token",
};

/** Who, what, which target and when, as a GET form (shareable URLs, works without JavaScript). */
export function AuditFilters({ filters, actions, actors }: { filters: Filters; actions: string[]; actors: string[] }) {
  const filtered = Boolean(filters.actor || filters.action || filters.targetType || filters.targetId || filters.from || filters.to);
  return (
    <form role="search" action="/audit" method="get" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3">
      <div>
        <label htmlFor="audit-actor" className="block text-xs font-medium text-slate-700">
          Who
        </label>
        <input id="audit-actor" name="actor" list="audit-actors" defaultValue={filters.actor} maxLength={100} placeholder="Name or id" className={`${field} w-44`} />
        <datalist id="audit-actors">
          {actors.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor="audit-action" className="block text-xs font-medium text-slate-700">
          Action
        </label>
        <select id="audit-action" name="action" defaultValue={filters.action ?? ""} className={`${field} w-52`}>
          <option value="">Any action</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-target-type" className="block text-xs font-medium text-slate-700">
          Target
        </label>
        <select id="audit-target-type" name="targetType" defaultValue={filters.targetType ?? ""} className={`${field} w-40`}>
          <option value="">Anything</option>
          {auditTargetTypes.map((type) => (
            <option key={type} value={type}>
              {targetTypeLabels[type]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-target-id" className="block text-xs font-medium text-slate-700">
          Target id
        </label>
        <input id="audit-target-id" name="targetId" defaultValue={filters.targetId} maxLength={64} placeholder="Any" className={`${field} w-44 font-mono`} />
      </div>
      <div>
        <label htmlFor="audit-from" className="block text-xs font-medium text-slate-700">
          From (UTC)
        </label>
        <input id="audit-from" type="date" name="from" defaultValue={filters.from} className={`${field} w-38`} />
      </div>
      <div>
        <label htmlFor="audit-to" className="block text-xs font-medium text-slate-700">
          To (UTC)
        </label>
        <input id="audit-to" type="date" name="to" defaultValue={filters.to} className={`${field} w-38`} />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClasses("secondary", "sm")}>
          Apply
        </button>
        {filtered ? (
          <Link href="/audit" className={buttonClasses("ghost", "sm")}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
