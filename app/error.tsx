"use client";
// The last error boundary inside the root layout, for pages without their own. Every page loads
// its boundaries, so the panel (icons, buttons) loads only when an error happens; until then, or
// when it cannot load (the network may be what failed), a plain notice says the same.
import { lazy, Suspense } from "react";
import { rootError } from "@/components/errors/messages";
import { PlainError } from "@/components/errors/plain-error";

const plain = <PlainError {...rootError} href="/connectors" linkLabel="Go to connectors" />;
const RootErrorView = lazy(() => import("@/components/errors/root-error-view").catch(() => ({ default: () => plain })));

export default function RootError(props: { error: unknown; retry: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-2xl px-6 py-16">
      <Suspense fallback={plain}>
        <RootErrorView {...props} />
      </Suspense>
    </main>
  );
}
