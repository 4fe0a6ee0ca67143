"use client";
// A radio group drawn as compact rows, for lists read live from Azure DevOps (projects, areas).
import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

export type Option = { value: string; label: string; detail?: ReactNode };

export function OptionList({
  legend,
  name,
  options,
  value,
  onChange,
  describedBy,
}: {
  legend: string;
  name: string;
  options: Option[];
  value: string | null;
  onChange: (value: string) => void;
  describedBy?: string;
}) {
  return (
    <fieldset aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {options.map((option) => {
          const checked = value !== null && option.value.toLowerCase() === value.toLowerCase();
          return (
            <label
              key={option.value}
              className={cx(
                "flex cursor-pointer items-center gap-3 rounded-lg px-4 py-3 ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600",
                checked ? "bg-indigo-50/60 ring-2 ring-indigo-600" : "bg-white ring-slate-300 hover:bg-slate-50",
              )}
            >
              <input type="radio" name={name} value={option.value} checked={checked} onChange={() => onChange(option.value)} className="size-4 accent-indigo-600" />
              <span className="min-w-0">
                <span className="block text-sm font-semibold text-slate-900">{option.label}</span>
                {option.detail ? <span className="block text-xs text-slate-600">{option.detail}</span> : null}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
