"use client";
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { RefreshCw as RefreshIcon } from "lucide-react";
import { errorDigest } from "@/lib/client/error-digest";
import { connectorsError } from "./messages";

export default function ConnectorsErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      title={connectorsError.title}
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
      <p>{connectorsError.message}</p>
    </ErrorPanel>
  );
}
