"use client";
// Deleting is version-checked: if someone changed the connector since this page loaded, the
// delete is refused and the operator reloads instead of deleting something they have not seen.
// The confirmation is a modal alert dialog: focus starts on "Keep it" and Escape keeps the connector.
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { readApiError } from "@/lib/client/read-api-error";

export function DangerZone({ connectorId, version, displayName, sourceCount }: { connectorId: string; version: number; displayName: string; sourceCount: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; conflict: boolean } | null>(null);

  async function remove() {
    setBusy(true);
    setProblem(null);
    const response = await fetch(`/api/connectors/${encodeURIComponent(connectorId)}?version=${version}`, { method: "DELETE" });
    setBusy(false);
    // A refusal closes the confirmation: the card below says why and what to do.
    if (!response.ok) setConfirming(false);
    if (response.status === 409) return setProblem({ message: "This connector was changed by someone else — reload to see the change before deleting it.", conflict: true });
    if (!response.ok) return setProblem({ message: (await readApiError(response)).message, conflict: false });
    router.push("/connectors");
    router.refresh();
  }

  return (
    <Card>
      <CardHeader title="Danger zone" description="Deleting removes the connector, its knowledge sources and its run history. The agent loses access at once." />
      <CardBody className="space-y-3">
        <AlertDialog.Root open={confirming} onOpenChange={(open) => !busy && setConfirming(open)}>
          <AlertDialog.Trigger asChild>
            <Button variant="secondary" className="text-red-800">
              Delete this connector…
            </Button>
          </AlertDialog.Trigger>
          <AlertDialog.Portal>
            <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
            <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl ring-1 ring-slate-200">
              <AlertDialog.Title className="text-base font-semibold text-slate-900">Delete “{displayName}”?</AlertDialog.Title>
              <AlertDialog.Description className="mt-2 text-sm leading-6 text-slate-700">
                {sourceCount > 0 ? `Its ${sourceCount} knowledge ${sourceCount === 1 ? "source goes" : "sources go"} with it. ` : ""}This cannot be undone. Grants in the target tenant stay until its admin removes them.
              </AlertDialog.Description>
              <div className="mt-4 flex justify-end gap-2">
                <AlertDialog.Cancel asChild>
                  <Button variant="secondary" disabled={busy}>
                    Keep it
                  </Button>
                </AlertDialog.Cancel>
                <Button variant="danger" onClick={() => void remove()} disabled={busy}>
                  {busy ? "Deleting…" : "Delete connector"}
                </Button>
              </div>
            </AlertDialog.Content>
          </AlertDialog.Portal>
        </AlertDialog.Root>
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
