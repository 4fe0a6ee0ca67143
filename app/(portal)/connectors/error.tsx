"use client";
// Error boundaries must be client components; this one covers the connectors list and its loading.
// Its panel loads when an error happens (see app/error.tsx).
import { lazy, Suspense } from "react";
import { connectorsError } from "@/components/errors/messages";
import { PlainError } from "@/components/errors/plain-error";

const plain = <PlainError {...connectorsError} href="/health" linkLabel="Open health" />;
const ConnectorsErrorView = lazy(() => import("@/components/errors/connectors-error-view").catch(() => ({ default: () => plain })));

export default function ConnectorsError(props: { error: unknown; retry: () => void }) {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight text-slate-900">Connectors</h1>
      <Suspense fallback={plain}>
        <ConnectorsErrorView {...props} />
      </Suspense>
    </>
  );
}
