import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";
import { ScriptButton } from "./script-button";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md";

const base =
  "inline-flex items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap transition-colors " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 " +
  "disabled:cursor-not-allowed disabled:opacity-60";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-indigo-600 text-white shadow-sm hover:bg-indigo-700 active:bg-indigo-800",
  secondary: "bg-white text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 active:bg-slate-100",
  ghost: "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
  danger: "bg-red-700 text-white shadow-sm hover:bg-red-800",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-8 px-3 text-sm",
  md: "h-10 px-4 text-sm",
};

export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "md", className?: string): string {
  return cx(base, variants[variant], sizes[size], className);
}

type StyleProps = { variant?: ButtonVariant; size?: ButtonSize; icon?: ReactNode };

/**
 * A button. With an `onClick` (only possible inside a client component) it is a `ScriptButton`:
 * disabled until the page is hydrated, so an early click is not lost.
 */
export function Button({ variant, size, icon, className, children, type = "button", ...props }: ComponentProps<"button"> & StyleProps) {
  const Element = props.onClick ? ScriptButton : "button";
  return (
    <Element type={type} className={buttonClasses(variant, size, className)} {...props}>
      {icon}
      {children}
    </Element>
  );
}

/** A link that looks like a button: navigation stays a real link (middle-click, prefetch). */
export function ButtonLink({ variant, size, icon, className, children, ...props }: ComponentProps<typeof Link> & StyleProps) {
  return (
    <Link className={buttonClasses(variant, size, className)} {...props}>
      {icon}
      {children}
    </Link>
  );
}
