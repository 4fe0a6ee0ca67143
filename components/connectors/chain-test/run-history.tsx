// Recent runs, newest first; each opens to its hops.
import { cx } from "@/components/ui/cx";
import { Time } from "@/components/ui/local-time";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { checkStatusDisplay, formatDuration, runOutcomeLabels } from "./check-status";
import { HopRow } from "./hop-row";

const triggerLabels: Record<ValidationRunDto["trigger"], string> = { manual: "Run by an operator", schedule: "Scheduled check", wizard: "While setting up" };

export function RunHistory({ runs }: { runs: ValidationRunDto[] }) {
  if (runs.length === 0) return <p className="text-sm text-slate-600">No runs yet. The first run appears here.</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
      {runs.map((run) => {
        const failing = run.checks.find((check) => check.status === "fail" || check.status === "unknown");
        const status = run.outcome === "pass" ? "pass" : run.outcome === "fail" ? "fail" : run.outcome === "running" ? "skipped" : "unknown";
        const display = checkStatusDisplay[status];
        return (
          <li key={run.id}>
            <details className="group">
              <summary className="flex cursor-pointer flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5 text-sm hover:bg-slate-50">
                <span className={cx("flex items-center gap-1.5 font-medium", display.text)}>
                  {display.icon}
                  {runOutcomeLabels[run.outcome]}
                </span>
                <span className="min-w-0 flex-1 truncate text-slate-700">{failing ? `${failing.label}${failing.code ? ` · ${failing.code}` : ""}` : `${run.checks.length} hops`}</span>
                <Time iso={run.startedAt} className="text-xs text-slate-600" />
                <span className="w-16 text-right font-mono text-xs text-slate-600">{formatDuration(run.durationMs)}</span>
                <span className="sr-only">{triggerLabels[run.trigger]}</span>
              </summary>
              <div className="border-t border-slate-200 bg-slate-50/60 px-4 py-3">
                <p className="mb-2 text-xs text-slate-600">{triggerLabels[run.trigger]}</p>
                <ol className="space-y-2">
                  {run.checks.map((check, index) => (
                    <HopRow key={check.key} check={check} index={index} total={run.checks.length} />
                  ))}
                </ol>
              </div>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
