"use client";
// Error boundaries must be client components; this one covers the connectors list and its loading.
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { RefreshCw as RefreshIcon } from "lucide-react";
import { errorDigest } from "@/lib/client/error-digest";

export default function ConnectorsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight text-slate-900">Connectors</h1>
      <ErrorPanel
        title="The connectors could not be loaded"
        reference={errorDigest(error)}
        steps={[
          "Try again: a database that was briefly busy or restarting usually answers the second time.",
          "If it keeps failing, check that the portal's database is reachable and its migrations are applied (the server log says which).",
          "When you report the problem, include the reference id below so it can be found in the server log.",
        ]}
        actions={
          <>
            <Button onClick={() => retry()} icon={<RefreshIcon size={18} />}>
              Try again
            </Button>
            <ButtonLink href="/health" variant="secondary">
              Open health
            </ButtonLink>
          </>
        }
      >
        <p>Your connectors are unchanged: nothing was saved or deleted. The portal could not read them from its database.</p>
      </ErrorPanel>
    </>
  );
}
