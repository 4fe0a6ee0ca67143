// A source's readiness, per capability it was added for: what the agent may do with it, what is
// missing and where to grant it. It shows sourceReadiness's verdict and never recomputes it, so
// the list cannot say "ready" while a check it relies on was denied.
import { Badge } from "@/components/ui/badge";
import { CircleCheck as CheckCircleIcon, CircleDashed as CircleDashedIcon, CircleX as XCircleIcon, TriangleAlert as AlertTriangleIcon } from "lucide-react";
import type { SourceDto } from "@/lib/schemas/source";

const levelBadge = {
  everything: { tone: "success", icon: <CheckCircleIcon size={14} />, word: "Ready" },
  read_code: { tone: "warning", icon: <AlertTriangleIcon size={14} />, word: "Reading code only" },
  nothing: { tone: "danger", icon: <CircleDashedIcon size={14} />, word: "Draft" },
} as const;

export function SourceStatus({ source }: { source: SourceDto }) {
  const { readiness } = source;
  const badge = readiness.level === "nothing" && source.status === "ready" ? { ...levelBadge.nothing, tone: "neutral" as const, word: "Not checked" } : levelBadge[readiness.level];
  return (
    <div className="space-y-1.5" data-testid="source-readiness" data-level={readiness.level}>
      <Badge tone={badge.tone} icon={badge.icon}>
        {badge.word}
      </Badge>
      <p className="text-xs leading-5 text-slate-700">{readiness.summary}</p>
      <ul className="space-y-1 text-xs leading-5" aria-label={`What ${source.displayName} is ready for`}>
        {readiness.capabilities.map((entry) => (
          <li key={entry.capability} data-capability={entry.capability} data-status={entry.status}>
            <span className="flex items-start gap-1.5">
              {entry.status === "pass" ? <CheckCircleIcon size={14} className="mt-0.5 shrink-0 text-emerald-700" /> : <XCircleIcon size={14} className="mt-0.5 shrink-0 text-red-700" />}
              <span className="text-slate-900">{entry.label}</span>
              <span className="sr-only">{entry.status === "pass" ? ": ready" : ": not ready"}</span>
            </span>
            {entry.missing.length > 0 ? (
              <details className="mt-0.5 ml-4 text-slate-700" open={readiness.level !== "everything" && entry.capability === "read_code"}>
                <summary className="cursor-pointer font-medium text-amber-900">{entry.missing.length} missing: how to fix</summary>
                <ul className="mt-1 list-disc space-y-1 pl-4">
                  {entry.missing.map((item) => (
                    <li key={item.key}>
                      <span className="font-medium text-slate-900">{item.label}</span>
                      {item.fix ? <span>: {item.fix}</span> : null}
                      {item.link ? (
                        <>
                          {" "}
                          <a href={item.link.href} target="_blank" rel="noopener noreferrer" className="font-medium text-indigo-700 underline underline-offset-2">
                            {item.link.label}
                            <span className="sr-only"> (opens in a new tab)</span>
                          </a>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
