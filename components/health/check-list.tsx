import { HopRow } from "@/components/connectors/chain-test/hop-row";
import { checkDisplay, formatDuration } from "@/components/connectors/chain-test/check-status";
import { cx } from "@/components/ui/cx";
import type { CheckResultDto } from "@/lib/schemas/validation";

/** Every check of the latest run: failures in full (cause, fix, expected next to configured), the rest on one line. */
export function CheckList({ checks }: { checks: CheckResultDto[] }) {
  return (
    <ol className="space-y-2">
      {checks.map((check, index) => {
        if (check.status === "fail" || check.status === "unknown") return <HopRow key={check.key} check={check} index={index} total={checks.length} />;
        const display = checkDisplay(check);
        return (
          <li key={check.key} className="flex items-start justify-between gap-4 rounded-md px-4 py-2 ring-1 ring-slate-200" data-hop={check.key} data-status={check.status}>
            <span className="flex min-w-0 items-start gap-2.5">
              <span className={cx("mt-0.5", display.text)}>{display.icon}</span>
              <span className="min-w-0 text-sm">
                <span className="sr-only">
                  Hop {index + 1} of {checks.length}:{" "}
                </span>
                <span className="font-medium text-slate-900">{check.label}</span>
                <span className={cx("ml-2 text-xs font-medium", display.text)}>{display.label}</span>
                {check.status === "skipped" && check.cause ? <span className="block text-xs text-slate-600">{check.cause}</span> : null}
                {check.status === "pass" && check.detail ? <span className="block truncate text-xs text-slate-600">{check.detail.split("\n")[0]}</span> : null}
              </span>
            </span>
            <span className="shrink-0 font-mono text-xs text-slate-600">{check.status === "skipped" ? "" : formatDuration(check.durationMs)}</span>
          </li>
        );
      })}
    </ol>
  );
}
