import type { ReactNode } from "react";

export type Feature = { title: string; body: ReactNode; icon: ReactNode };

/** A short list of what a section does, for pages whose data has not arrived yet. */
export function FeatureList({ features }: { features: Feature[] }) {
  return (
    <ul className="grid gap-x-8 gap-y-6 sm:grid-cols-2 lg:grid-cols-3">
      {features.map((feature) => (
        <li key={feature.title} className="flex gap-3">
          <span className="flex size-9 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-700" aria-hidden="true">
            {feature.icon}
          </span>
          <div>
            <h3 className="text-sm font-semibold text-slate-900">{feature.title}</h3>
            <p className="mt-1 text-sm leading-6 text-slate-600">{feature.body}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
