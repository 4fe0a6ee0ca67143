"use client";
// Deleting is version-checked: if someone changed the connector since this page loaded, the
// delete is refused and the operator reloads instead of deleting something they have not seen.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { problemOf } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";

export function DangerZone({ connectorId, version, displayName, sourceCount }: { connectorId: string; version: number; displayName: string; sourceCount: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; conflict: boolean } | null>(null);

  async function remove() {
    setBusy(true);
    setProblem(null);
    const failure = await problemOf(connectorsApi.remove(connectorId, version));
    setBusy(false);
    if (failure?.status === 409) return setProblem({ message: "This connector was changed by someone else — reload to see the change before deleting it.", conflict: true });
    if (failure) return setProblem({ message: failure.message, conflict: false });
    router.push("/connectors");
    router.refresh();
  }

  return (
    <Card>
      <CardHeader title="Danger zone" description="Deleting removes the connector, its knowledge sources and its run history. The agent loses access at once." />
      <CardBody className="space-y-3">
        {confirming ? (
          <div role="alertdialog" aria-labelledby="delete-confirm-title" className="rounded-md border border-red-200 bg-red-50 p-4">
            <p id="delete-confirm-title" className="text-sm font-semibold text-red-900">
              Delete “{displayName}”?
            </p>
            <p className="mt-1 text-sm text-red-900">
              {sourceCount > 0 ? `Its ${sourceCount} knowledge ${sourceCount === 1 ? "source goes" : "sources go"} with it. ` : ""}This cannot be undone. Grants in the target tenant stay until its admin removes them.
            </p>
            <div className="mt-3 flex gap-2">
              <Button variant="danger" onClick={() => void remove()} disabled={busy}>
                {busy ? "Deleting…" : "Delete connector"}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy} autoFocus>
                Keep it
              </Button>
            </div>
          </div>
        ) : (
          <Button variant="secondary" className="text-red-800" onClick={() => setConfirming(true)}>
            Delete this connector…
          </Button>
        )}
        {problem ? (
          <div role="alert" className="flex flex-wrap items-center gap-3 text-sm text-red-900">
            <span>{problem.message}</span>
            {problem.conflict ? (
              <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
                Reload
              </Button>
            ) : null}
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
