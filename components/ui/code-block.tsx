import { CopyButton } from "./copy-button";

/** A script or request to hand to someone: its name and one copy button above, the code below. Dark in both color schemes. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="overflow-hidden rounded-md bg-slate-900 ring-1 ring-slate-800 dark:bg-slate-50 dark:ring-slate-200">
      <div className="flex items-center justify-between gap-3 border-b border-slate-700/70 px-3 py-1.5 dark:border-slate-300/70">
        <span className="text-xs font-medium text-slate-300 dark:text-slate-700">{label}</span>
        <CopyButton value={code} label={label} />
      </div>
      <pre tabIndex={0} aria-label={label} className="overflow-x-auto p-4 font-mono text-[12.5px] leading-5 text-slate-100 dark:text-slate-900">
        <code>{code}</code>
      </pre>
    </div>
  );
}
