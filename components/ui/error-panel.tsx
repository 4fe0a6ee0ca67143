import type { ReactNode } from "react";
import { TriangleAlert as AlertTriangleIcon } from "lucide-react";

/**
 * What an error boundary shows: what happened, what to try, and a reference id. It never shows
 * the error's message: server errors reach the browser without details on purpose, and a
 * client error's text is not written for operators.
 */
export function ErrorPanel({ title, children, steps, reference, actions }: { title: string; children: ReactNode; steps: string[]; reference?: string; actions: ReactNode }) {
  return (
    <div role="alert" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <div className="flex items-start gap-4">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-red-50 text-red-700 ring-1 ring-red-100" aria-hidden="true">
          <AlertTriangleIcon size={20} />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
          <div className="mt-1 text-sm leading-6 text-slate-700">{children}</div>
          <h3 className="mt-4 text-sm font-semibold text-slate-900">What you can do</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm leading-6 text-slate-700">
            {steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
          <div className="mt-5 flex flex-wrap items-center gap-3">{actions}</div>
          {reference ? (
            <p className="mt-5 border-t border-slate-200 pt-4 text-xs text-slate-600">
              Reference id for your administrator: <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800 select-all">{reference}</code>
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
