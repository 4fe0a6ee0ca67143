import { CopyButton } from "./copy-button";

/** A script or request to hand to someone, with one copy button for all of it. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="relative rounded-md bg-slate-900 ring-1 ring-slate-800">
      <div className="absolute top-2 right-2">
        <CopyButton value={code} label={label} />
      </div>
      <pre tabIndex={0} aria-label={label} className="overflow-x-auto p-4 pr-24 font-mono text-[12.5px] leading-5 text-slate-100">
        <code>{code}</code>
      </pre>
    </div>
  );
}
