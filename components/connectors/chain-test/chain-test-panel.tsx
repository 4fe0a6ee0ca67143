"use client";
// "Run chain test" (issue 4 item 5): one POST runs every hop on the server and streams each hop as
// it finishes, so hops turn green (or red) one by one with their time while the later ones wait;
// a live region announces each. When the route itself fails (rate limit, server error) that is
// said apart from a failing hop.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { RefreshCw as RefreshIcon } from "lucide-react";
import { readApiError } from "@/lib/client/read-api-error";
import { hopStreamHeaders, readHopStream } from "@/lib/client/read-hop-stream";
import type { CheckResultDto, ValidationRunDto } from "@/lib/schemas/validation";
import { checkDisplay, checkStatusDisplay, formatDuration, runOutcomeLabels } from "./check-status";
import { HopRow } from "./hop-row";
import { RunHistory } from "./run-history";
import { WaitingHopRow } from "./waiting-hop-row";

type RouteProblem = { message: string; retryAt: number | null };

function Spinner() {
  return <span aria-hidden="true" className="inline-block size-4 animate-spin rounded-full border-2 border-current border-r-transparent" />;
}

export function ChainTestPanel({
  connectorId,
  canRun,
  hopLabels,
  initialRuns,
  staleNote = null,
}: {
  connectorId: string;
  canRun: boolean;
  /** The hops this connector's method runs, to say what is happening while it runs. */
  hopLabels: string[];
  initialRuns: ValidationRunDto[];
  /** Set when the latest run tested another method or replaced settings: it is history, not the current result. */
  staleNote?: string | null;
}) {
  const router = useRouter();
  const [running, setRunning] = useState(false);
  const [latest, setLatest] = useState<ValidationRunDto | null>(staleNote ? null : (initialRuns[0] ?? null));
  const [runs, setRuns] = useState(initialRuns);
  const [problem, setProblem] = useState<RouteProblem | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [elapsed, setElapsed] = useState(0);
  /** While a run streams: each hop's check once it has finished, null before. */
  const [liveChecks, setLiveChecks] = useState<(CheckResultDto | null)[] | null>(null);
  const [announcement, setAnnouncement] = useState("");
  /** After a failure that propagation explains: when the server runs the chain again, and why. */
  const [retry, setRetry] = useState<{ at: number; reason: string; attempt: number } | null>(null);

  // Count down a rate limit, and count up while running, once a second.
  useEffect(() => {
    if (!running && !problem?.retryAt) return;
    const started = Date.now();
    const timer = setInterval(() => {
      setNow(Date.now());
      if (running) setElapsed(Date.now() - started);
    }, 1000);
    return () => clearInterval(timer);
  }, [running, problem?.retryAt]);

  async function refreshRuns() {
    const response = await fetch(`/api/connectors/${encodeURIComponent(connectorId)}/runs?take=10`, { cache: "no-store" });
    if (response.ok) setRuns(((await response.json()) as { items: ValidationRunDto[] }).items);
  }

  function showHop(check: CheckResultDto, position: number) {
    setLiveChecks((previous) => {
      const next = [...(previous ?? [])];
      while (next.length <= position) next.push(null);
      next[position] = check;
      return next;
    });
    const total = Math.max(hopLabels.length, position + 1);
    const duration = check.status === "skipped" ? "" : ` in ${formatDuration(check.durationMs)}`;
    setAnnouncement(`Hop ${position + 1} of ${total}, ${check.label}: ${checkDisplay(check).label}${duration}.`);
  }

  async function run() {
    setRunning(true);
    setElapsed(0);
    setProblem(null);
    setLiveChecks(hopLabels.map(() => null));
    setAnnouncement("");
    try {
      const response = await fetch(`/api/connectors/${encodeURIComponent(connectorId)}/test`, { method: "POST", headers: hopStreamHeaders });
      if (!response.ok) {
        const api = await readApiError(response);
        const retryAfter = Number(response.headers.get("retry-after"));
        const retryAt = response.status === 429 && retryAfter > 0 ? Date.now() + retryAfter * 1000 : null;
        setProblem({
          message:
            response.status === 429
              ? `Too many tests of this connector in the last minute. Try again in ${retryAfter > 0 ? retryAfter : "a few"} s.`
              : `The chain test could not run: ${api.message}${api.hint ? ` ${api.hint}` : ""}`,
          retryAt,
        });
        setNow(Date.now());
        return;
      }
      let finished: ValidationRunDto | null = null;
      let stopped: string | null = null;
      let retrying = false;
      for await (const event of readHopStream<{ run: ValidationRunDto }>(response)) {
        if (event.type === "hop") {
          const { type: _type, position, ...check } = event;
          if (retrying && position === 0) {
            // The server runs the chain again: its hops start over.
            retrying = false;
            setRetry(null);
            setLiveChecks(hopLabels.map(() => null));
          }
          showHop(check, position);
        } else if (event.type === "retry") {
          retrying = true;
          setRetry({ at: Date.now() + event.inSeconds * 1000, reason: event.reason, attempt: event.attempt });
          setNow(Date.now());
          setAnnouncement(`Retrying in ${event.inSeconds} seconds because ${event.reason}`);
        } else if (event.type === "result") finished = event.run;
        else stopped = `${event.error.message}${event.error.hint ? ` ${event.error.hint}` : ""}`;
      }
      if (!finished) {
        setProblem({ message: `The chain test stopped before it finished: ${stopped ?? "the answer ended early."} Run it again.`, retryAt: null });
        return;
      }
      setLatest(finished);
      await refreshRuns();
      router.refresh();
    } catch {
      setProblem({ message: "The portal did not answer. Check your connection and try again.", retryAt: null });
    } finally {
      setRunning(false);
      setLiveChecks(null);
      setRetry(null);
    }
  }

  const waitSeconds = problem?.retryAt ? Math.max(0, Math.ceil((problem.retryAt - now) / 1000)) : 0;
  const failedBefore = latest !== null && latest.outcome !== "pass";
  const outcomeStatus = latest ? (latest.outcome === "pass" ? "pass" : latest.outcome === "fail" ? "fail" : "unknown") : null;

  return (
    <Card>
      <CardHeader
        title="Chain test"
        description="Follows the connection hop by hop, as the agent would, and stops at the first hop that fails with the reason and the fix."
        actions={
          canRun ? (
            <Button onClick={() => void run()} disabled={running || waitSeconds > 0} icon={running ? <Spinner /> : <RefreshIcon size={16} />}>
              {running ? "Running…" : failedBefore ? "Run again" : "Run chain test"}
            </Button>
          ) : null
        }
      />
      <CardBody className="space-y-4">
        <div aria-live="polite" className="text-sm">
          {running ? (
            <p className="flex items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 font-medium text-indigo-900 ring-1 ring-indigo-100">
              <Spinner />
              Running… {hopLabels.length} hops: {hopLabels.join(" → ")} ({Math.round(elapsed / 1000)} s)
            </p>
          ) : latest && outcomeStatus ? (
            <p className={cx("flex items-center gap-2 font-semibold", checkStatusDisplay[outcomeStatus].text)}>
              {checkStatusDisplay[outcomeStatus].icon}
              {runOutcomeLabels[latest.outcome]} in {formatDuration(latest.durationMs)}
            </p>
          ) : null}
        </div>
        {problem ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            <p className="font-semibold">{problem.retryAt ? "Rate limited" : "The test did not run"}</p>
            <p className="mt-1">{problem.retryAt && waitSeconds > 0 ? `Too many tests of this connector in the last minute. Try again in ${waitSeconds} s.` : problem.message}</p>
          </div>
        ) : null}
        {retry ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="propagation-retry">
            <span className="font-semibold">Retrying in {Math.max(0, Math.ceil((retry.at - now) / 1000))} s</span> because {retry.reason} (attempt {retry.attempt + 1})
          </p>
        ) : null}
        <p className="sr-only" role="status" aria-live="polite">
          {running ? announcement : ""}
        </p>
        {liveChecks ? (
          <ol className="space-y-3" aria-label="Hops of the latest run" aria-busy="true">
            {liveChecks.map((check, index) => {
              const total = liveChecks.length;
              if (check) return <HopRow key={check.key} check={check} index={index} total={total} />;
              const current = liveChecks.slice(0, index).every((earlier) => earlier !== null);
              return <WaitingHopRow key={`waiting-${index}`} label={hopLabels[index] ?? `Hop ${index + 1}`} index={index} total={total} running={current} />;
            })}
          </ol>
        ) : latest ? (
          <ol className="space-y-3" aria-label="Hops of the latest run">
            {latest.checks.map((check, index) => (
              <HopRow key={check.key} check={check} index={index} total={latest.checks.length} />
            ))}
          </ol>
        ) : !running ? (
          <p className="rounded-md bg-slate-50 p-4 text-sm text-slate-600 ring-1 ring-slate-200">
            {staleNote && runs.length > 0 ? `${staleNote} ` : "Not tested yet. "}
            {canRun ? "Run the chain test to see every hop: " : "An administrator can run it: "}
            {hopLabels.join(" → ")}.
          </p>
        ) : null}
      </CardBody>
      <div className="border-t border-slate-200 px-5 py-4">
        <h3 className="mb-3 text-sm font-semibold text-slate-900">Recent runs</h3>
        <RunHistory runs={runs} />
      </div>
    </Card>
  );
}
