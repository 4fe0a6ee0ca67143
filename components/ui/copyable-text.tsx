import { CopyButton } from "@/components/ui/copy-button";
import { cx } from "@/components/ui/cx";

/**
 * A generated value inline in a sentence (a trace id, an object id, a link to hand on), in
 * monospace and selectable, with its copy button right after it. `label` names the value for the
 * button ("Copy trace id") and its "Copied" announcement.
 */
export function CopyableText({ value, label, className }: { value: string; label: string; className?: string }) {
  return (
    <span className={cx("inline-flex max-w-full items-center gap-1.5 align-middle", className)}>
      <code className="min-w-0 font-mono break-all text-slate-800 select-all">{value}</code>
      <CopyButton value={value} label={label} />
    </span>
  );
}
