"use client";
// Error boundaries must be client components; this one covers the connectors list and its loading.
import { Boundary } from "@/components/errors/boundary";
import { connectorsError } from "@/components/errors/messages";

export default function ConnectorsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight text-slate-900">Connectors</h1>
      <Boundary words={connectorsError} error={error} retry={retry} />
    </>
  );
}
