// A hop of a chain test that is still running or has not started: its label and state, in the
// same box a finished hop (hop-row.tsx) will take, so the list does not jump as hops finish.
import { CircleDashed as CircleDashedIcon } from "lucide-react";
import { cx } from "@/components/ui/cx";

export function WaitingHopRow({ label, index, total, running }: { label: string; index: number; total: number; running: boolean }) {
  return (
    <li className={cx("rounded-lg p-4 ring-1", running ? "bg-indigo-50/40 ring-indigo-600/25" : "bg-white ring-slate-200")} data-position={index} data-status={running ? "running" : "pending"}>
      <div className="flex items-start gap-2.5">
        <span className={cx("mt-0.5", running ? "text-indigo-800" : "text-slate-600")}>
          {running ? <span aria-hidden="true" className="m-px inline-block size-4 animate-spin rounded-full border-2 border-current border-r-transparent" /> : <CircleDashedIcon size={18} />}
        </span>
        <div className="min-w-0">
          <p className="text-sm font-semibold text-slate-900">
            <span className="sr-only">
              Hop {index + 1} of {total}:{" "}
            </span>
            {label}
          </p>
          <p className={cx("text-xs font-medium", running ? "text-indigo-800" : "text-slate-600")}>{running ? "Running…" : "Waiting"}</p>
        </div>
      </div>
    </li>
  );
}
