"use client";
// The last error boundary inside the root layout, for pages without their own.
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { RefreshCw as RefreshIcon } from "lucide-react";
import { errorDigest } from "@/lib/client/error-digest";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-2xl px-6 py-16">
      <ErrorPanel
        title="Something went wrong on this page"
        reference={errorDigest(error)}
        steps={["Try again.", "Go back to the connectors list.", "If the problem stays, report it with the reference id below."]}
        actions={
          <>
            <Button onClick={() => retry()} icon={<RefreshIcon size={18} />}>
              Try again
            </Button>
            <ButtonLink href="/connectors" variant="secondary">
              Go to connectors
            </ButtonLink>
          </>
        }
      >
        <p>The page could not be shown. Nothing you saved before is affected.</p>
      </ErrorPanel>
    </main>
  );
}
