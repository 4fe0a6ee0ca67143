"use client";
// An error boundary's full panel: what happened, what to try, Try again, a way on, and the
// reference id. Loaded only when a boundary shows (see app/error.tsx).
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { RefreshCw as RefreshIcon } from "lucide-react";
import { errorDigest } from "@/lib/client/error-digest";
import type { BoundaryWords } from "./messages";

export default function BoundaryPanel({ words, error, retry }: { words: BoundaryWords; error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      title={words.title}
      reference={errorDigest(error)}
      steps={words.steps}
      actions={
        <>
          <Button onClick={() => retry()} icon={<RefreshIcon size={18} />}>
            Try again
          </Button>
          <ButtonLink href={words.link.href} variant="secondary">
            {words.link.label}
          </ButtonLink>
        </>
      }
    >
      <p>{words.message}</p>
    </ErrorPanel>
  );
}
