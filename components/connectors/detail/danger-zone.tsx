"use client";
// Deleting is version-checked: if someone changed the connector since this page loaded, the
// delete is refused and the operator reloads instead of deleting something they have not seen.
// The confirmation is a modal alert dialog (delete-confirmation.tsx).
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConflictProblem } from "@/components/ui/form";
import { problemOf } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";

// The dialog's code loads when the operator asks to delete, not with the page.
const DeleteConfirmation = dynamic(() => import("./delete-confirmation").then((module) => module.DeleteConfirmation), { ssr: false });

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
    // A refusal closes the confirmation: the card below says why and what to do.
    if (failure) setConfirming(false);
    if (failure?.status === 409) return setProblem({ message: "This connector was changed by someone else — reload to see the change before deleting it.", conflict: true });
    if (failure) return setProblem({ message: failure.message, conflict: false });
    router.push("/connectors");
    router.refresh();
  }

  return (
    <Card>
      <CardHeader title="Danger zone" description="Deleting removes the connector, its knowledge sources and its run history. The agent loses access at once." />
      <CardBody className="space-y-3">
        <Button variant="secondary" className="text-red-800" onClick={() => setConfirming(true)}>
          Delete this connector…
        </Button>
        {confirming ? <DeleteConfirmation displayName={displayName} sourceCount={sourceCount} busy={busy} onDelete={() => void remove()} onKeep={() => setConfirming(false)} /> : null}
        <ConflictProblem problem={problem} />
      </CardBody>
    </Card>
  );
}
