"use client";
// The same credential as an az script, a Bicep template and a Graph request: tabs, because an
// operator needs one of them, not all three at once. Radix gives the WAI-ARIA tabs keyboard pattern.
import * as Tabs from "@radix-ui/react-tabs";
import { useState } from "react";
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
  const graphText = `${artifacts.graphRequest.method} ${artifacts.graphRequest.url}\nContent-Type: application/json\n\n${artifacts.graphRequest.body}`;
  const content: Record<Tab, { code: string; label: string; note: string }> = {
    az: { code: artifacts.azCli, label: "az CLI script", note: "Bash or Cloud Shell. --id accepts the app's client id." },
    bicep: { code: artifacts.bicep, label: "Bicep template", note: "Uses the Microsoft Graph Bicep extension; the app is found by its uniqueName." },
    graph: { code: graphText, label: "Graph request", note: "Needs the delegated permission Application.ReadWrite.All (or Application.ReadWrite.OwnedBy as the app's owner)." },
  };
  return (
    <Tabs.Root value={active} onValueChange={(value) => setActive(value as Tab)}>
      <Tabs.List aria-label="Ways to create the credential" className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <Tabs.Trigger
            key={tab.key}
            value={tab.key}
            className={cx("-mb-px border-b-2 px-3 py-2 text-sm font-medium", active === tab.key ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900")}
          >
            {tab.label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {tabs.map((tab) => (
        <Tabs.Content key={tab.key} value={tab.key} className="pt-3">
          <p className="mb-2 text-xs text-slate-600">{content[tab.key].note}</p>
          <CodeBlock code={content[tab.key].code} label={content[tab.key].label} />
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
