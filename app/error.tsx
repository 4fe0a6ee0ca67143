"use client";
// The last error boundary inside the root layout, for pages without their own.
import { Boundary } from "@/components/errors/boundary";
import { rootError } from "@/components/errors/messages";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-2xl px-6 py-16">
      <Boundary words={rootError} error={error} retry={retry} />
    </main>
  );
}
