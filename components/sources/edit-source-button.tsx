"use client";
// "Edit" on a knowledge source. The dialog (its form, react-hook-form, zod and TanStack Query) is
// its own chunk, loaded with the first click, so the list's first load carries none of it: this
// button looks and reads like the dialog's own, and once the dialog is there it opens as if that
// button had been pressed (focus returns to it when the dialog closes).
import { useState, type ComponentType } from "react";
import { Button } from "@/components/ui/button";
import type { SourceDto } from "@/lib/schemas/source";

type Opened = ComponentType<{ source: SourceDto }>;

export function EditSourceButton({ source }: { source: SourceDto }) {
  const [Dialog, setDialog] = useState<Opened | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  if (Dialog) return <Dialog source={source} />;

  function load() {
    setLoading(true);
    setFailed(false);
    import("./edit-source-opened").then(
      (module) => setDialog(() => module.OpenedEditSourceDialog),
      () => {
        setLoading(false);
        setFailed(true);
      },
    );
  }

  return (
    <>
      <Button variant="secondary" size="sm" onClick={load} aria-label={`Edit ${source.displayName}`} aria-busy={loading || undefined}>
        Edit
      </Button>
      {failed ? (
        <span role="alert" className="text-xs text-red-800">
          The editor could not be loaded (the portal did not answer). Press Edit again.
        </span>
      ) : null}
    </>
  );
}
