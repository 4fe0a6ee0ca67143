"use client";
import { useId, type ReactNode, type Ref } from "react";
import { cx } from "@/components/ui/cx";

/**
 * A labelled input whose hint and error are tied to it (aria-describedby), so a screen reader
 * reads the rule and the problem with the field. Read-only fields keep their value selectable.
 */
export function TextField({
  label,
  value,
  onChange,
  onBlur,
  inputRef,
  hint,
  error,
  readOnly = false,
  mono = true,
  placeholder,
  name,
  className,
  prefix,
}: {
  label: string;
  value: string;
  onChange?: (value: string) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  hint?: ReactNode;
  error?: string | null;
  readOnly?: boolean;
  mono?: boolean;
  placeholder?: string;
  name?: string;
  className?: string;
  prefix?: string;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="mt-0.5 text-xs leading-5 text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="mt-1.5 flex rounded-md shadow-sm">
        {prefix ? <span className="inline-flex items-center rounded-l-md bg-slate-50 px-3 font-mono text-sm text-slate-600 ring-1 ring-slate-300 ring-inset">{prefix}</span> : null}
        <input
          id={id}
          ref={inputRef}
          name={name}
          value={value}
          onChange={(event) => onChange?.(event.target.value)}
          onBlur={onBlur}
          readOnly={readOnly}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={cx(
            "block w-full min-w-0 border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-[invalid]:ring-red-600",
            prefix ? "-ml-px rounded-r-md" : "rounded-md",
            mono && "font-mono",
            readOnly && "bg-slate-50 text-slate-700",
          )}
        />
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1.5 text-sm leading-6 text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
