"use client";
// Demo only, next to a TF401444 hop: the sandbox cloud plays the target tenant's administrator and
// adds the connector's app to the organization, so the demo's story can be finished in the portal.
// The page renders it only when the server allows the action (never against real Azure).
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";

export type SandboxGrantTarget = { connectorId: string; organization: string };

type State = { kind: "idle" } | { kind: "granting" } | { kind: "granted"; text: string } | { kind: "error"; text: string };

export function SandboxGrantAction({ target }: { target: SandboxGrantTarget }) {
  const [state, setState] = useState<State>({ kind: "idle" });

  async function grant() {
    setState({ kind: "granting" });
    let result;
    try {
      result = await connectorsApi.sandboxGrant(target.connectorId);
    } catch (caught) {
      const problem = ApiError.from(caught);
      return setState({ kind: "error", text: [problem.message, problem.hint].filter(Boolean).join(" ") });
    }
    setState({
      kind: "granted",
      text: `As ${result.tenant}'s administrator, the sandbox added the app to ${result.organization} with Basic access and to the Readers of ${result.readerOf.join(", ") || "no project"}. Run the chain test again.`,
    });
  }

  return (
    <div className="mt-3 rounded-md border border-dashed border-amber-400 bg-amber-50 p-3" data-testid="sandbox-grant">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="warning">Sandbox cloud only</Badge>
        <span className="text-xs text-amber-950">In Azure, only the organization&apos;s administrator can do this, as the fix above says.</span>
      </div>
      <Button className="mt-2" variant="secondary" size="sm" onClick={() => void grant()} disabled={state.kind === "granting" || state.kind === "granted"}>
        {state.kind === "granting" ? "Granting…" : `Sandbox: act as the ${target.organization} admin and grant access`}
      </Button>
      <p aria-live="polite" className="mt-2 text-sm">
        {state.kind === "granted" ? <span className="font-medium text-emerald-800">{state.text}</span> : null}
        {state.kind === "error" ? <span className="text-red-800">{state.text}</span> : null}
      </p>
    </div>
  );
}
