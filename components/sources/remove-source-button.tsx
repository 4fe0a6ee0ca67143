"use client";
// Removing is version-checked like connectors: a source someone changed since the page loaded is
// not removed, and the operator reloads to see what they would remove.
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictProblem } from "@/components/ui/form";
import { problemOf } from "@/lib/client/api/client";
import { sourcesApi } from "@/lib/client/api/sources";
import type { SourceDto } from "@/lib/schemas/source";

export function RemoveSourceButton({ source }: { source: SourceDto }) {
  const router = useRouter();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; conflict: boolean } | null>(null);

  async function remove() {
    setBusy(true);
    setProblem(null);
    const failure = await problemOf(sourcesApi.remove(source.id, source.version));
    setBusy(false);
    if (failure?.status === 409) return setProblem({ message: "Someone changed this source since the page loaded: reload to see the change before removing it.", conflict: true });
    if (failure) return setProblem({ message: failure.message, conflict: false });
    dialog.current?.close();
    router.refresh();
  }

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        className="text-red-800"
        aria-label={`Remove ${source.displayName}`}
        onClick={() => {
          setProblem(null);
          dialog.current?.showModal();
        }}
      >
        Remove
      </Button>
      <dialog
        ref={dialog}
        role="alertdialog"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        className="m-auto w-full max-w-md rounded-lg bg-white p-5 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
      >
        <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
          Remove “{source.displayName}”?
        </h2>
        <p id={`${id}-body`} className="mt-1 text-sm text-slate-700">
          The agent stops cloning and searching {source.organization}/{source.project}/{source.repository}. The repository and the grants in Azure DevOps are not touched; you can add it again later.
        </p>
        <ConflictProblem problem={problem} className="mt-3" />
        <div className="mt-4 flex justify-end gap-2">
          {/* Focus starts on the safe choice. */}
          <Button variant="secondary" onClick={() => dialog.current?.close()} disabled={busy} autoFocus>
            Keep it
          </Button>
          <Button variant="danger" onClick={() => void remove()} disabled={busy}>
            {busy ? "Removing…" : "Remove source"}
          </Button>
        </div>
      </dialog>
    </>
  );
}
