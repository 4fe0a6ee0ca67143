"use client";
// The same credential as an az script, a Bicep template and a Graph request: tabs, because an
// operator needs one of them, not all three at once.
import { useId, useState, type KeyboardEvent } from "react";
import { cx } from "@/components/ui/cx";
import type { FicArtifactsDto } from "@/lib/schemas/fic";
import { CodeBlock } from "@/components/ui/code-block";

type Tab = "az" | "bicep" | "graph";
const tabs: Array<{ key: Tab; label: string }> = [
  { key: "az", label: "Azure CLI" },
  { key: "bicep", label: "Bicep" },
  { key: "graph", label: "Graph request" },
];

export function FicScripts({ artifacts }: { artifacts: FicArtifactsDto }) {
  const [active, setActive] = useState<Tab>("az");
  const id = useId();
  const graphText = `${artifacts.graphRequest.method} ${artifacts.graphRequest.url}\nContent-Type: application/json\n\n${artifacts.graphRequest.body}`;
  const content: Record<Tab, { code: string; label: string; note: string }> = {
    az: { code: artifacts.azCli, label: "az CLI script", note: "Bash or Cloud Shell. --id accepts the app's client id." },
    bicep: { code: artifacts.bicep, label: "Bicep template", note: "Uses the Microsoft Graph Bicep extension; the app is found by its uniqueName." },
    graph: { code: graphText, label: "Graph request", note: "Needs the delegated permission Application.ReadWrite.All (or Application.ReadWrite.OwnedBy as the app's owner)." },
  };
  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const index = tabs.findIndex((tab) => tab.key === active);
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = tabs[(index + delta + tabs.length) % tabs.length]!;
    setActive(next.key);
    document.getElementById(`${id}-tab-${next.key}`)?.focus();
  }
  return (
    <div>
      <div role="tablist" aria-label="Ways to create the credential" className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <button
            key={tab.key}
            id={`${id}-tab-${tab.key}`}
            type="button"
            role="tab"
            aria-selected={active === tab.key}
            aria-controls={`${id}-panel`}
            tabIndex={active === tab.key ? 0 : -1}
            onClick={() => setActive(tab.key)}
            onKeyDown={onKeyDown}
            className={cx(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              active === tab.key ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${active}`} className="pt-3">
        <p className="mb-2 text-xs text-slate-600">{content[active].note}</p>
        <CodeBlock code={content[active].code} label={content[active].label} />
      </div>
    </div>
  );
}
