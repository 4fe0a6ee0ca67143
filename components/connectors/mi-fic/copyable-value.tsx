import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** A labelled value in monospace with its copy button, as a row of a description list. */
export function CopyableValue({ label, value, note }: { label: string; value: string; note?: ReactNode }) {
  return (
    <div className="grid gap-1 px-4 py-3 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="text-sm font-medium text-slate-900">{label}</dt>
      <dd className="min-w-0">
        <div className="flex items-start justify-between gap-3">
          <code className="min-w-0 font-mono text-[13px] break-all text-slate-800">{value}</code>
          <CopyButton value={value} label={label.toLowerCase()} />
        </div>
        {note ? <div className="mt-1 text-xs leading-5 text-slate-600">{note}</div> : null}
      </dd>
    </div>
  );
}
