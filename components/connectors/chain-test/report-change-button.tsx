"use client";
// Under a failing hop that an admin consent or a grant in the target tenant fixes: once it is done,
// the operator says so here. The portal records it (audited) and runs the chain test again, which
// then waits for Entra and the service to propagate the change instead of calling it misconfigured.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import type { ConnectorChangeInput } from "@/lib/schemas/propagation";

const labels: Record<ConnectorChangeInput["change"], string> = {
  consented: "Admin consent is given: test again",
  granted: "Access is granted: test again",
};

export function ReportChangeButton({ connectorId, change, onReported }: { connectorId: string; change: ConnectorChangeInput["change"]; onReported: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function report() {
    setBusy(true);
    setError(null);
    try {
      await connectorsApi.reportChange(connectorId, change);
      onReported();
    } catch (caught) {
      const problem = ApiError.from(caught);
      setError(`${problem.message}${problem.hint ? ` ${problem.hint}` : ""}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mt-3">
      <Button variant="secondary" size="sm" onClick={() => void report()} disabled={busy}>
        {labels[change]}
      </Button>
      <p className="mt-1 text-xs text-slate-600">The test then retries for a few minutes while Entra ID and the service take the change in.</p>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
