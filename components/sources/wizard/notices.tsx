// The wizard's states in one visual language: a problem with its cause and fix, a portal error,
// a hint for an empty list, and skeleton rows while a list loads.
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CircleX as XCircleIcon, RefreshCw as RefreshIcon, TriangleAlert as AlertTriangleIcon } from "lucide-react";
import type { ApiProblem } from "@/lib/client/api/client";
import { CopyableText } from "@/components/ui/copyable-text";
import type { CatalogProblemDto } from "@/lib/schemas/source";
import { LearnMoreLink } from "@/components/ui/learn-more-link";

export function ProblemNotice({ problem, onRetry, testId }: { problem: CatalogProblemDto; onRetry?: () => void; testId?: string }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-950" data-testid={testId}>
      <p className="flex items-center gap-2 font-semibold">
        <XCircleIcon size={18} />
        {problem.title}
      </p>
      <p className="mt-2 leading-6">
        <span className="font-medium">Why: </span>
        {problem.cause}
      </p>
      <p className="mt-1 leading-6">
        <span className="font-medium">Fix: </span>
        {problem.fix}
      </p>
      <LearnMoreLink code={problem.code} className="mt-1" />
      <p className="mt-2 text-xs text-red-800">
        Code <span className="font-mono">{problem.code}</span>
        {problem.traceId ? (
          <>
            {" "}
            · trace id <CopyableText value={problem.traceId} label="trace id" />
          </>
        ) : null}
      </p>
      {onRetry ? (
        <Button variant="secondary" size="sm" className="mt-3" icon={<RefreshIcon size={16} />} onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

export function ApiProblemNotice({ problem, onRetry, title }: { problem: ApiProblem; onRetry?: () => void; title?: string }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-950">
      <p className="flex items-center gap-2 font-semibold">
        <AlertTriangleIcon size={18} />
        {title ?? problem.message}
      </p>
      {title ? <p className="mt-2 leading-6">{problem.message}</p> : null}
      {problem.hint ? <p className="mt-1 leading-6">{problem.hint}</p> : null}
      {onRetry ? (
        <Button variant="secondary" size="sm" className="mt-3" icon={<RefreshIcon size={16} />} onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

export function HintNotice({ title, children, actions, testId }: { title: string; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950" data-testid={testId}>
      <p className="flex items-center gap-2 font-semibold">
        <AlertTriangleIcon size={18} />
        {title}
      </p>
      <div className="mt-2 leading-6">{children}</div>
      {actions ? <div className="mt-3 flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

export function SkeletonRows({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" data-testid="loading">
      <span className="sr-only">{label}</span>
      <ul className="animate-pulse space-y-2" aria-hidden="true">
        {Array.from({ length: rows }, (_, index) => (
          <li key={index} className="flex items-center gap-3 rounded-lg p-4 ring-1 ring-slate-200">
            <div className="size-4 rounded-full bg-slate-200" />
            <div className="h-4 rounded bg-slate-200" style={{ width: `${40 - index * 6}%` }} />
            <div className="ml-auto h-3 w-20 rounded bg-slate-100" />
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-slate-600" aria-hidden="true">
        {label}
      </p>
    </div>
  );
}

/** The wizard before it knows where the operator was (its code loading, or its saved state being read). */
export function WizardPlaceholder() {
  return (
    <div className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <SkeletonRows label="Opening the wizard…" rows={2} />
    </div>
  );
}
