"use client";
// The modal confirmation before a connector is deleted: focus starts on "Keep it", Escape and
// "Keep it" close it, and focus goes back to the button that opened it.
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { Button } from "@/components/ui/button";

export function DeleteConfirmation({ displayName, sourceCount, busy, onDelete, onKeep }: { displayName: string; sourceCount: number; busy: boolean; onDelete: () => void; onKeep: () => void }) {
  return (
    <AlertDialog.Root open onOpenChange={(open) => !open && !busy && onKeep()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl ring-1 ring-slate-200">
          <AlertDialog.Title className="text-base font-semibold text-slate-900">Delete “{displayName}”?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm leading-6 text-slate-700">
            {sourceCount > 0 ? `Its ${sourceCount} knowledge ${sourceCount === 1 ? "source goes" : "sources go"} with it. ` : ""}This cannot be undone. Grants in the target tenant stay until its admin
            removes them.
          </AlertDialog.Description>
          <div className="mt-4 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary" disabled={busy}>
                Keep it
              </Button>
            </AlertDialog.Cancel>
            <Button variant="danger" onClick={onDelete} disabled={busy}>
              {busy ? "Deleting…" : "Delete connector"}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
