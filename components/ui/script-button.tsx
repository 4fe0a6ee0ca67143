"use client";
// A button whose action is JavaScript. Disabled until the page's JavaScript runs, so a click on
// the server-rendered page is never silently lost (there is no form to fall back on).
import type { ComponentProps } from "react";
import { useHydrated } from "./use-hydrated";

export function ScriptButton({ disabled, ...props }: ComponentProps<"button">) {
  const hydrated = useHydrated();
  return <button disabled={disabled || !hydrated} {...props} />;
}
