"use client";
// Copies one value. The label names what is copied ("Copy issuer"), and a polite live region
// announces "Copied" so screen reader users hear that it worked.
import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { cx } from "@/components/ui/cx";
import { ScriptButton } from "./script-button";

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (permissions, older browsers): fall back to a hidden selection.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied;
  }
}

export function CopyButton({ value, label, className }: { value: string; label: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <ScriptButton
        type="button"
        aria-label={`Copy ${label}`}
        onClick={() => void writeClipboard(value).then((ok) => setState(ok ? "copied" : "failed"))}
        className={cx(
          "inline-flex h-7 shrink-0 items-center gap-1 rounded-md bg-white px-2 text-xs font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50",
          state === "copied" && "text-emerald-800 ring-emerald-600/40",
          className,
        )}
      >
        {state === "copied" ? <Check size={14} /> : <Copy size={14} />}
        {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}
      </ScriptButton>
      <span role="status" aria-live="polite" className="sr-only">
        {state === "copied" ? `Copied ${label}` : state === "failed" ? `Could not copy ${label}; select it and copy by hand` : ""}
      </span>
    </>
  );
}
