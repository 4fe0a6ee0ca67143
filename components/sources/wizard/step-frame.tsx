"use client";
// One step of the wizard: its heading (focused when the step opens, so a screen reader announces
// it and Tab continues from there), its content in a form (Enter in a field means Next), and
// the Back / Next row.
import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { ArrowLeft as ArrowLeftIcon, ArrowRight as ArrowRightIcon } from "lucide-react";

export type StepFrameProps = {
  index: number;
  total: number;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Back is absent on the first step. */
  onBack?: () => void;
  /** Next: absent when the step has its own final action. */
  onNext?: () => void;
  nextLabel?: string;
  nextDisabled?: boolean;
  /** Why Next is disabled, read with the button (aria-describedby) and shown beside it. */
  nextHint?: string | null;
  focusHeading: boolean;
  footerExtra?: ReactNode;
  /** Content with forms of its own (the OAuth and PAT panels): outside the step's form, since forms cannot nest. */
  outside?: ReactNode;
};

export function StepFrame({ index, total, title, description, children, onBack, onNext, nextLabel = "Next", nextDisabled, nextHint, focusHeading, footerExtra, outside }: StepFrameProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading, title]);

  function submit(event: FormEvent) {
    event.preventDefault();
    // Enter inside a field must not skip a step whose inputs are not complete.
    if (onNext && !nextDisabled) onNext();
  }

  return (
    <Card>
      <div className="border-b border-slate-200 px-5 py-4">
        <p className="text-xs font-semibold tracking-wide text-indigo-700 uppercase">
          Step {index + 1} of {total}
        </p>
        <h2
          id="wizard-step-heading"
          ref={heading}
          tabIndex={-1}
          className="mt-0.5 text-lg font-semibold text-slate-900 focus:outline-none focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600"
        >
          {title}
        </h2>
        {description ? <div className="mt-1 max-w-3xl text-sm leading-6 text-slate-600">{description}</div> : null}
      </div>
      <form id="wizard-step-form" onSubmit={submit} noValidate aria-labelledby="wizard-step-heading">
        <CardBody className="space-y-5 py-5">{children}</CardBody>
      </form>
      {outside ? <div className="space-y-4 px-5 pb-5">{outside}</div> : null}
      {onBack || onNext || footerExtra ? (
        <div className="flex flex-wrap items-center gap-3 rounded-b-lg border-t border-slate-200 bg-slate-50/60 px-5 py-3">
          {onBack ? (
            <Button variant="secondary" onClick={onBack} icon={<ArrowLeftIcon size={16} />}>
              Back
            </Button>
          ) : null}
          {onNext ? (
            <Button type="submit" form="wizard-step-form" disabled={nextDisabled} aria-describedby={nextHint ? "wizard-next-hint" : undefined}>
              {nextLabel}
              <ArrowRightIcon size={16} />
            </Button>
          ) : null}
          {footerExtra}
          {nextHint ? (
            <p id="wizard-next-hint" className="text-sm text-slate-600">
              {nextHint}
            </p>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
