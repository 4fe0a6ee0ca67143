"use client";
// The wizard's steps as an ordered list: done steps are links back (keyboard reachable), the
// current one carries aria-current="step", later ones are plain text until they are reachable.
import { cx } from "@/components/ui/cx";
import { CircleCheck as CheckCircleIcon } from "lucide-react";
import { wizardStepLabels, wizardSteps, type WizardStep } from "@/lib/client/wizard-draft";
import { ScriptButton } from "@/components/ui/script-button";

export function StepIndicator({ current, reachable, onSelect }: { current: WizardStep; reachable: (step: WizardStep) => boolean; onSelect: (step: WizardStep) => void }) {
  const currentIndex = wizardSteps.indexOf(current);
  return (
    <nav aria-label="Steps of adding a repository" className="mb-6">
      <ol className="flex flex-wrap gap-x-1 gap-y-2 rounded-lg bg-white p-2 shadow-sm ring-1 ring-slate-200">
        {wizardSteps.map((step, index) => {
          const isCurrent = step === current;
          const done = index < currentIndex;
          const canGo = !isCurrent && reachable(step);
          const content = (
            <>
              <span
                className={cx(
                  "flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                  isCurrent ? "bg-indigo-600 text-white" : done ? "bg-emerald-50 text-emerald-700 ring-1 ring-emerald-600/30" : "bg-slate-100 text-slate-600 ring-1 ring-slate-300",
                )}
                aria-hidden="true"
              >
                {done ? <CheckCircleIcon size={16} /> : index + 1}
              </span>
              <span>{wizardStepLabels[step]}</span>
              <span className="sr-only">{isCurrent ? " (current step)" : done ? " (done)" : ""}</span>
            </>
          );
          const classes = cx(
            "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm whitespace-nowrap",
            isCurrent ? "bg-indigo-50 font-semibold text-indigo-900" : done ? "text-slate-800" : "text-slate-500",
          );
          return (
            <li key={step} aria-current={isCurrent ? "step" : undefined} data-step={step} className="flex items-center">
              {canGo ? (
                <ScriptButton
                  type="button"
                  onClick={() => onSelect(step)}
                  className={cx(classes, "hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600")}
                >
                  {content}
                </ScriptButton>
              ) : (
                <span className={classes}>{content}</span>
              )}
              {index < wizardSteps.length - 1 ? <span className="mx-0.5 hidden h-px w-3 bg-slate-300 md:block" aria-hidden="true" /> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
