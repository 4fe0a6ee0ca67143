import { checkDisplay } from "@/components/connectors/chain-test/check-status";
import { cx } from "@/components/ui/cx";
import type { CheckResultDto } from "@/lib/schemas/validation";

/** The latest run's checks as a row of icons, hop by hop, each with its result in words for screen readers. */
export function CheckStrip({ checks }: { checks: CheckResultDto[] }) {
  if (checks.length === 0) return <span className="text-xs text-slate-600">Not checked yet</span>;
  return (
    <ol className="flex items-center gap-0.5" aria-label="Checks of the latest run">
      {checks.map((check, index) => {
        const display = checkDisplay(check);
        return (
          <li key={check.key} className={cx("flex items-center", display.text)} title={`${check.label}: ${display.label}${check.code && check.status !== "pass" ? ` (${check.code})` : ""}`}>
            {index > 0 ? <span aria-hidden="true" className="mx-0.5 h-px w-2 bg-slate-300" /> : null}
            {display.icon}
            <span className="sr-only">{`${check.label}: ${display.label}`}</span>
          </li>
        );
      })}
    </ol>
  );
}
