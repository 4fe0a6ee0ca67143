"use client";
// The body of every error boundary. Each page loads its boundaries, so the full panel (icons,
// buttons) loads only when an error happens; until then, or when it cannot load (the network may
// be what failed), a plain notice says the same.
import { lazy, Suspense } from "react";
import type { BoundaryWords } from "./messages";
import { PlainError } from "./plain-error";

const BoundaryPanel = lazy(() => import("./boundary-panel").catch(() => ({ default: ({ words }: { words: BoundaryWords }) => <PlainError words={words} /> })));

export function Boundary({ words, error, retry }: { words: BoundaryWords; error: unknown; retry: () => void }) {
  return (
    <Suspense fallback={<PlainError words={words} />}>
      <BoundaryPanel words={words} error={error} retry={retry} />
    </Suspense>
  );
}
