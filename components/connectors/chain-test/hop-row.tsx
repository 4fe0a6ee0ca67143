// One hop of a chain test: pass, fail, unknown or skipped, with its timing; what a pass proved
// (never a token), or for a failure the cause, the fix and expected next to configured.
import type { ReactNode } from "react";
import { ArrowRight as ArrowRightIcon } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { CopyableText } from "@/components/ui/copyable-text";
import { cx } from "@/components/ui/cx";
import { FixText } from "@/components/ui/fix-text";
import { LearnMoreLink } from "@/components/ui/learn-more-link";
import type { CheckResultDto } from "@/lib/schemas/validation";
import { checkDisplay, formatDuration } from "./check-status";

function Comparison({ expected, configured }: { expected: string | null; configured: string | null }) {
  if (!expected && !configured) return null;
  return (
    <div className="mt-3 grid gap-2 sm:grid-cols-2">
      <div className="rounded-md bg-white p-3 ring-1 ring-emerald-600/30">
        <div className="text-xs font-semibold tracking-wide text-emerald-800 uppercase">Expected</div>
        <div className="mt-1 font-mono text-[13px] break-all whitespace-pre-line text-slate-900">{expected ?? "—"}</div>
      </div>
      <div className="rounded-md bg-white p-3 ring-1 ring-red-600/30">
        <div className="text-xs font-semibold tracking-wide text-red-800 uppercase">Configured</div>
        <div className="mt-1 font-mono text-[13px] break-all whitespace-pre-line text-slate-900">{configured ?? "—"}</div>
      </div>
    </div>
  );
}

/** `action`: shown under a failing hop's fix (for example "Access is granted: test again"). */
export function HopRow({ check, index, total, action = null }: { check: CheckResultDto; index: number; total: number; action?: ReactNode }) {
  const display = checkDisplay(check);
  const failed = check.status === "fail" || check.status === "unknown";
  return (
    <li className={cx("rounded-lg p-4 ring-1", display.ring)} data-hop={check.key} data-status={check.status}>
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <div className="flex min-w-0 items-start gap-2.5">
          <span className={cx("mt-0.5", display.text)}>{display.icon}</span>
          <div className="min-w-0">
            <p className="text-sm font-semibold text-slate-900">
              <span className="sr-only">
                Hop {index + 1} of {total}:{" "}
              </span>
              {check.label}
            </p>
            <p className={cx("text-xs font-medium", display.text)}>
              {display.label}
              {check.code && check.status !== "pass" ? <span className="ml-1.5 font-mono">{check.code}</span> : null}
            </p>
          </div>
        </div>
        <span className="font-mono text-xs text-slate-600" title="How long this hop took">
          {check.status === "skipped" ? "" : formatDuration(check.durationMs)}
        </span>
      </div>
      {check.status === "pass" && check.detail ? <p className="mt-2 ml-7 font-mono text-[12.5px] leading-5 break-all whitespace-pre-line text-slate-700">{check.detail}</p> : null}
      {check.status === "skipped" && check.cause ? <p className="mt-1 ml-7 text-sm text-slate-600">{check.cause}</p> : null}
      {failed ? (
        <div className="mt-2 ml-7 text-sm leading-6">
          {check.title ? <p className="font-semibold text-slate-900">{check.title}</p> : null}
          {check.cause ? (
            <p className="text-slate-700">
              <span className="font-medium text-slate-900">Why: </span>
              {check.cause}
            </p>
          ) : null}
          {check.fix ? (
            <div className="text-slate-700">
              <span className="font-medium text-slate-900">Fix: </span>
              <FixText fix={check.fix} />
            </div>
          ) : null}
          <LearnMoreLink code={check.code} />
          <Comparison expected={check.expected} configured={check.configured} />
          {check.link ? (
            <a href={check.link.href} target="_blank" rel="noopener noreferrer" className={cx(buttonClasses("primary", "sm"), "mt-3")}>
              {check.link.label}
              <ArrowRightIcon size={14} />
              <span className="sr-only">(opens in a new window)</span>
            </a>
          ) : null}
          {action}
          {check.raw || check.traceId ? (
            <details className="mt-3 rounded-md bg-white ring-1 ring-slate-200" open={check.status === "unknown"}>
              <summary className="cursor-pointer px-3 py-2 text-xs font-medium text-slate-700">Message from the service{check.traceId ? " and trace id" : ""}</summary>
              <div className="border-t border-slate-200 px-3 py-2">
                {check.raw ? <pre className="font-mono text-xs leading-5 break-all whitespace-pre-wrap text-slate-800">{check.raw}</pre> : null}
                {check.traceId ? (
                  <p className="mt-1 text-xs text-slate-600">
                    Trace id <CopyableText value={check.traceId} label="trace id" />
                  </p>
                ) : null}
              </div>
            </details>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
