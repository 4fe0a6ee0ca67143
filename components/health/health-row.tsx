import Link from "next/link";
import { ConnectorStatusBadge } from "@/components/connectors/connector-status-badge";
import { StatusReason } from "@/components/connectors/status-reason";
import { cx } from "@/components/ui/cx";
import { ConnectorKindIcon } from "@/components/connectors/connector-kind";
import { Time } from "@/components/ui/local-time";
import { formatAbsolute } from "@/components/ui/time";
import type { HealthRowDto } from "@/lib/schemas/health";
import { isUnansweredCode } from "@/lib/schemas/validation";
import { CheckList } from "./check-list";
import { CheckNowButton } from "./check-now-button";
import { CheckStrip } from "./check-strip";
import { CredentialExpiry } from "./credential-expiry";
import { RunHistoryChart } from "./run-history-chart";

export const methodShortLabels = { mi_fic: "MI + FIC", oauth: "OAuth", pat: "PAT", managed_identity: "Managed identity" } as const;

const attention = new Set(["failing", "needs_signin", "unavailable", "degraded"]);

function target(row: HealthRowDto, adoHost: string): string {
  if (row.kind === "ado") return `${adoHost}/${row.organization ?? ""}`;
  if (row.kind === "azure") return `Azure resource in tenant ${row.tenantId ?? "?"}`;
  let host = row.clusterUrl ?? "";
  try {
    host = new URL(host).host;
  } catch {
    // shown as stored
  }
  return `${host} · ${row.database ?? ""}`;
}

/** A time relative to now; a next check that has passed is "due now" (the scheduler picks it up on its next tick). */
function When({ iso, now, empty, next = false }: { iso: string | null; now: Date; empty: string; next?: boolean }) {
  if (!iso) return <span className="text-slate-600">{empty}</span>;
  return next && new Date(iso) <= now ? (
    <time dateTime={iso} title={formatAbsolute(iso)}>
      due now
    </time>
  ) : (
    <Time iso={iso} format="relative" now={now} />
  );
}

/**
 * One connector on the dashboard: a summary line (state, the latest checks, credential, when it was
 * and will be checked, recent history) that opens onto every check of the latest run. Connectors
 * that need attention start open, so a failing one (or a setup whose test failed) shows its failing
 * hop, cause and fix at once.
 */
export function HealthRow({ row, now, adoHost, canCheck }: { row: HealthRowDto; now: Date; adoHost: string; canCheck: boolean }) {
  const failing = row.checks.find((check) => check.status === "fail" || check.status === "unknown");
  return (
    <li data-connector={row.id} data-status={row.status}>
      <details open={attention.has(row.status) || (row.status === "draft" && failing !== undefined)} className="group">
        <summary className="grid cursor-pointer list-none grid-cols-[1fr_auto] items-center gap-x-4 gap-y-2 px-4 py-3 hover:bg-slate-50/70 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 lg:grid-cols-[minmax(0,2fr)_8.5rem_minmax(0,1.3fr)_minmax(0,1.1fr)_9rem] xl:grid-cols-[minmax(0,2fr)_8.5rem_minmax(0,1.3fr)_minmax(0,1.1fr)_9rem_auto] [&::-webkit-details-marker]:hidden">
          <div className="flex min-w-0 items-start gap-2.5">
            <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-1 size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-90">
              <path d="m7 5 5 5-5 5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            <span className="mt-0.5 text-slate-500">
              <ConnectorKindIcon kind={row.kind} size={18} />
            </span>
            <div className="min-w-0">
              <div className="truncate font-semibold text-slate-900">{row.displayName}</div>
              <div className="truncate font-mono text-xs text-slate-600">{target(row, adoHost)}</div>
              <div className="text-xs text-slate-600">{methodShortLabels[row.authMethod]}</div>
            </div>
          </div>
          <div className="justify-self-end lg:justify-self-start">
            <ConnectorStatusBadge status={row.status} />
          </div>
          <div className="col-span-2 min-w-0 text-sm lg:col-span-1">
            {/* With no hops that count, the reason says why, not a bare "Not checked yet" next to another status. */}
            {row.checks.length > 0 || !row.statusReason ? <CheckStrip checks={row.checks} /> : null}
            {failing ? (
              <div className={cx("mt-1 truncate text-xs font-medium", failing.status === "fail" && !isUnansweredCode(failing.code) ? "text-red-700" : "text-amber-800")}>
                {failing.code ? `${failing.code}: ` : ""}
                {failing.title ?? failing.label}
              </div>
            ) : row.statusReason ? (
              <div className={cx("truncate text-xs font-medium text-amber-800", row.checks.length > 0 && "mt-1")}>{row.statusReason.text}</div>
            ) : null}
          </div>
          <div className="min-w-0 text-sm">
            <CredentialExpiry credential={row.credential} now={now} />
          </div>
          <div className="text-sm text-slate-700">
            <div>
              {row.lastCheckedAt ? (
                <>
                  Checked <When iso={row.lastCheckedAt} now={now} empty="" />
                </>
              ) : (
                "Never checked"
              )}
            </div>
            <div className="text-xs text-slate-600">
              Next <When iso={row.nextCheckAt} now={now} empty="not scheduled" next />
            </div>
          </div>
          <div className="hidden xl:block">
            <RunHistoryChart runs={row.history} />
          </div>
        </summary>
        <div className="border-t border-slate-100 bg-slate-50/60 px-4 py-4 lg:pl-14">
          {failing ? (
            <p className="mb-3 text-sm font-semibold text-slate-900">
              {isUnansweredCode(failing.code) ? "Not answering" : failing.status === "fail" ? "Failing" : "Could not finish"} at hop {row.checks.indexOf(failing) + 1} of {row.checks.length}:{" "}
              {failing.label}
            </p>
          ) : null}
          <StatusReason reason={row.statusReason} className="mb-3" />
          <p className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">Chain hops</p>
          {row.checks.length ? (
            <div data-testid="chain-hops">
              <CheckList checks={row.checks} />
            </div>
          ) : (
            <p className="text-sm text-slate-700">
              {row.status === "draft"
                ? "A connector that is not set up is not checked until its setup is saved and its chain test passes."
                : row.statusReason?.from === "setup"
                  ? "No chain test of the current method and settings yet; the schedule will run one, or check it now."
                  : "No check has run yet; the schedule will run one, or check it now."}
            </p>
          )}
          {row.sourcesProblem ? (
            <div className="mt-4" data-testid="health-sources">
              <p className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">Knowledge sources</p>
              <p className="rounded-md bg-white px-4 py-2 text-sm text-slate-700 ring-1 ring-amber-300">
                <span className="font-medium text-slate-900">
                  {row.sourcesProblem.count} of {row.sourcesProblem.total} not ready for what {row.sourcesProblem.total === 1 ? "it was" : "they were"} added for.
                </span>{" "}
                {row.sourcesProblem.sourceName}: {row.sourcesProblem.capability.toLowerCase()} needs {row.sourcesProblem.check}.{" "}
                <Link href="/knowledge-sources" className="font-medium text-indigo-700 hover:text-indigo-900 hover:underline">
                  See the knowledge sources
                </Link>
              </p>
            </div>
          ) : null}
          <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
            {canCheck && (row.status !== "draft" || row.checks.length > 0) ? <CheckNowButton connectorId={row.id} connectorName={row.displayName} /> : <span />}
            <div className="flex items-center gap-4">
              <div className="xl:hidden">
                <RunHistoryChart runs={row.history} />
              </div>
              <Link href={`/connectors/${row.id}`} className="text-sm font-medium text-indigo-700 hover:text-indigo-900 hover:underline">
                Open connector<span className="sr-only"> {row.displayName}</span>
              </Link>
            </div>
          </div>
        </div>
      </details>
    </li>
  );
}
