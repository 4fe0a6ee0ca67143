// One permission check: an icon and a word for its state, and for a failure the cause and the
// fix (which group or permission, and where in Azure DevOps to grant it).
import { checkDisplay } from "@/components/connectors/chain-test/check-status";
import { cx } from "@/components/ui/cx";
import type { CheckResultDto } from "@/lib/schemas/validation";
import { LearnMoreLink } from "@/components/ui/learn-more-link";

export function CheckRow({ check }: { check: CheckResultDto }) {
  const display = checkDisplay(check);
  const failed = check.status === "fail" || check.status === "unknown";
  return (
    <li className={cx("rounded-md p-3 ring-1", display.ring)} data-check={check.key} data-status={check.status}>
      <div className="flex items-start gap-2.5">
        <span className={cx("mt-0.5 shrink-0", display.text)}>{display.icon}</span>
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
            <span className="font-medium text-slate-900">{check.label}</span>
            <span className={cx("text-xs font-semibold", display.text)}>
              {display.label}
              {check.code && check.status !== "pass" ? <span className="ml-1.5 font-mono font-normal">{check.code}</span> : null}
            </span>
          </p>
          {check.status === "pass" && check.detail ? <p className="mt-1 font-mono text-xs break-all text-slate-600">{check.detail}</p> : null}
          {check.status === "skipped" && check.cause ? (
            <p className="mt-1 text-sm text-slate-600">
              {check.cause}
              {check.fix ? ` ${check.fix}` : ""}
            </p>
          ) : null}
          {failed ? (
            <div className="mt-1.5 space-y-1 text-sm leading-6 text-slate-700">
              {check.title ? <p className="font-semibold text-slate-900">{check.title}</p> : null}
              {check.cause ? (
                <p>
                  <span className="font-medium text-slate-900">Why: </span>
                  {check.cause}
                </p>
              ) : null}
              {check.fix ? (
                <p>
                  <span className="font-medium text-slate-900">Fix: </span>
                  {check.fix}
                </p>
              ) : null}
              <LearnMoreLink code={check.code} className="" />
              {check.link ? (
                <p>
                  <a href={check.link.href} target="_blank" rel="noopener noreferrer" className="font-medium text-indigo-700 underline underline-offset-2">
                    {check.link.label}
                    <span className="sr-only"> (opens in a new tab)</span>
                  </a>
                </p>
              ) : null}
              {check.raw ? (
                <details className="rounded bg-white/70 ring-1 ring-slate-200">
                  <summary className="cursor-pointer px-2 py-1 text-xs font-medium text-slate-700">Answer from Azure DevOps</summary>
                  <pre className="border-t border-slate-200 px-2 py-1 font-mono text-xs leading-5 break-all whitespace-pre-wrap text-slate-800">{check.raw}</pre>
                </details>
              ) : null}
            </div>
          ) : null}
        </div>
      </div>
    </li>
  );
}
