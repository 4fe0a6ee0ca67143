import type { FicArtifactsDto } from "@/lib/schemas/fic";
import { ArrowRight as ArrowRightIcon } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { CodeBlock } from "@/components/ui/code-block";

/** What the target tenant's admin does: consent (creates the service principal), then the grants. */
export function TargetSteps({ artifacts, targetLabel }: { artifacts: FicArtifactsDto; targetLabel: string }) {
  return (
    <div className="space-y-5">
      <div>
        <h4 className="text-sm font-semibold text-slate-900">1. Admin consent in the target tenant</h4>
        <p className="mt-1 text-sm leading-6 text-slate-600">
          An administrator of the target tenant (Cloud Application Administrator or Application Administrator) opens this link and accepts. It creates the app&apos;s service principal there; without
          it the exchange fails with AADSTS700016.
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
          <code className="min-w-0 flex-1 px-1 font-mono text-[13px] break-all text-slate-800">{artifacts.adminConsentUrl}</code>
          <CopyButton value={artifacts.adminConsentUrl} label="admin consent URL" />
          <a href={artifacts.adminConsentUrl} target="_blank" rel="noopener noreferrer" className={buttonClasses("secondary", "sm")}>
            Open
            <ArrowRightIcon size={14} />
            <span className="sr-only">(opens in a new window)</span>
          </a>
        </div>
      </div>
      <div>
        <h4 className="text-sm font-semibold text-slate-900">2. Grants in {targetLabel}</h4>
        <ol className="mt-2 space-y-3">
          {artifacts.grants.map((grant, index) => (
            <li key={grant.title} className="rounded-md p-3 ring-1 ring-slate-200">
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="text-sm font-medium text-slate-900">
                    <span className="text-slate-500">{String.fromCharCode(97 + index)}.</span> {grant.title}
                  </p>
                  <p className="mt-0.5 text-sm leading-6 text-slate-600">{grant.detail}</p>
                </div>
                {grant.href ? (
                  <a href={grant.href} target="_blank" rel="noopener noreferrer" className="shrink-0 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline">
                    Open<span className="sr-only"> {grant.title} page (new window)</span>
                  </a>
                ) : null}
              </div>
              {grant.command ? (
                <div className="mt-2">
                  <CodeBlock code={grant.command} label={`${grant.title} command`} />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
