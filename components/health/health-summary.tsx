import Link from "next/link";
import { connectorStatusOrder, ConnectorStatusBadge } from "@/components/connectors/connector-status-badge";
import { cx } from "@/components/ui/cx";
import type { ConnectorStatus } from "@/lib/schemas/connector";
import type { HealthCounts } from "@/lib/schemas/health";
import { healthHref, type HealthFilters } from "./health-href";

const attentionRing: Partial<Record<ConnectorStatus, string>> = {
  failing: "ring-2 ring-red-300",
  needs_signin: "ring-2 ring-amber-300",
  degraded: "ring-2 ring-amber-300",
  unavailable: "ring-2 ring-amber-300",
};

/** A tile per state with its count under the other filters; each filters the list to that state (again: all). */
export function HealthSummary({ counts, filters }: { counts: HealthCounts; filters: HealthFilters }) {
  return (
    <nav aria-label="Filter by state">
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-7">
        {connectorStatusOrder.map((status) => {
          const active = filters.status === status;
          return (
            <li key={status}>
              <Link
                href={healthHref({ ...filters, status: active ? undefined : status, page: undefined })}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "flex h-full flex-col items-start gap-2 rounded-lg bg-white p-3.5 shadow-sm transition-colors hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
                  active ? "ring-2 ring-slate-900" : (counts[status] > 0 && attentionRing[status]) || "ring-1 ring-slate-200",
                )}
              >
                <ConnectorStatusBadge status={status} />
                <span className="text-2xl font-semibold tracking-tight text-slate-900 tabular-nums">
                  {counts[status].toLocaleString("en")}
                  <span className="sr-only">
                    {" "}
                    {counts[status] === 1 ? "connector" : "connectors"}
                    {active ? ", shown (select again to show all)" : ""}
                  </span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
