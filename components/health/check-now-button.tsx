"use client";
// "Check now" for one connector: runs its chain test on the server, says which hop has finished as
// each one does, then refreshes the page with the new result (or says why the check could not start).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { RefreshCw as RefreshIcon } from "lucide-react";
import { checkDisplay } from "@/components/connectors/chain-test/check-status";
import { ApiError } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import type { ValidationRunDto } from "@/lib/schemas/validation";

type Result = { kind: "done"; text: string } | { kind: "problem"; text: string } | null;

export function CheckNowButton({ connectorId, connectorName }: { connectorId: string; connectorName: string }) {
  const router = useRouter();
  const [running, setRunning] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [result, setResult] = useState<Result>(null);
  const [progress, setProgress] = useState("");

  async function check() {
    setRunning(true);
    setResult(null);
    setProgress("");
    try {
      let run: ValidationRunDto | null = null;
      for await (const event of connectorsApi.checkNow(connectorId)) {
        if (event.type === "hop") setProgress(`Hop ${event.position + 1}, ${event.label}: ${checkDisplay(event).label}.`);
        else if (event.type === "result") run = event.run;
        else if (event.type === "retry") setProgress(`${event.code}: retrying in ${event.inSeconds} s because ${event.reason}`);
        else setResult({ kind: "problem", text: event.error.message });
      }
      if (!run) {
        setResult((current) => current ?? { kind: "problem", text: "The check stopped before it finished. Try again." });
        return;
      }
      setResult({
        kind: "done",
        text: run.outcome === "pass" ? "Checked: every hop passed." : run.outcome === "fail" ? "Checked: a hop failed, see below." : "Checked: the test could not finish, see below.",
      });
      startRefresh(() => router.refresh());
    } catch (error) {
      const problem = ApiError.from(error);
      if (problem.status === 0) setResult({ kind: "problem", text: "The portal could not be reached. Check your connection and try again." });
      else setResult({ kind: "problem", text: problem.hint ? `${problem.message} ${problem.hint}` : problem.message });
    } finally {
      setRunning(false);
    }
  }

  const busy = running || refreshing;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        size="sm"
        onClick={check}
        disabled={busy}
        aria-describedby={`check-now-status-${connectorId}`}
        icon={<RefreshIcon size={16} className={busy ? "animate-spin" : undefined} />}
      >
        {running ? "Checking…" : "Check now"}
        <span className="sr-only"> {connectorName}</span>
      </Button>
      <p id={`check-now-status-${connectorId}`} role="status" aria-live="polite" className={result?.kind === "problem" ? "text-sm text-red-700" : "text-sm text-slate-700"}>
        {running ? progress || "Running every hop of the chain…" : (result?.text ?? "")}
      </p>
    </div>
  );
}
