"use client";
import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

export type Choice<T extends string> = { value: T; title: string; body: string; icon?: ReactNode; badge?: ReactNode };

/**
 * Radio buttons drawn as cards: the radio itself shows at the start of the title, so a click on it or
 * anywhere on the card chooses it, and arrow keys move between them like any radio group.
 */
export function ChoiceCards<T extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
  columns = 3,
}: {
  legend: string;
  name: string;
  choices: Choice<T>[];
  value: T;
  onChange: (value: T) => void;
  columns?: 2 | 3;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <div className={cx("mt-2 grid gap-3", columns === 3 ? "md:grid-cols-3" : "sm:grid-cols-2")}>
        {choices.map((choice) => (
          <label
            key={choice.value}
            className={cx(
              "relative flex cursor-pointer flex-col rounded-lg p-4 ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600",
              value === choice.value ? "bg-indigo-50/60 ring-2 ring-indigo-600" : "bg-white ring-slate-300 hover:bg-slate-50",
            )}
          >
            <span className="flex items-center justify-between gap-2">
              <span className="flex items-center gap-2 text-sm font-semibold text-slate-900">
                <input
                  type="radio"
                  name={name}
                  value={choice.value}
                  checked={value === choice.value}
                  onChange={() => onChange(choice.value)}
                  className="size-4 shrink-0 accent-indigo-600 focus-visible:outline-none"
                />
                {choice.icon ? <span className="text-indigo-700">{choice.icon}</span> : null}
                {choice.title}
              </span>
              {choice.badge}
            </span>
            <span className="mt-1 text-sm leading-6 text-slate-600">{choice.body}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
