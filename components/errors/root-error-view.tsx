"use client";
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { RefreshCw as RefreshIcon } from "lucide-react";
import { errorDigest } from "@/lib/client/error-digest";
import { rootError } from "./messages";

export default function RootErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      title={rootError.title}
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
      <p>{rootError.message}</p>
    </ErrorPanel>
  );
}
