"use client";
// "Run chain test": one POST runs every hop on the server and streams each hop as
// it finishes, so hops turn green (or red) one by one with their time while the later ones wait;
// a live region announces each. When the route itself fails (rate limit, server error) that is
// said apart from a failing hop.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { RefreshCw as RefreshIcon } from "lucide-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/lib/client/api/client";
import { connectorKeys, connectorsApi } from "@/lib/client/api/connectors";
import type { CheckResultDto, ValidationRunDto } from "@/lib/schemas/validation";
import { checkDisplay, checkStatusDisplay, formatDuration, runOutcomeLabels } from "./check-status";
import { reportableChangeOf } from "@/lib/schemas/propagation-codes";
import { HopRow } from "./hop-row";
import { ReportChangeButton } from "./report-change-button";
import { SandboxGrantAction, type SandboxGrantTarget } from "./sandbox-grant-action";
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
  sandboxGrant = null,
}: {
  connectorId: string;
  canRun: boolean;
  /** The hops this connector's method runs, to say what is happening while it runs. */
  hopLabels: string[];
  initialRuns: ValidationRunDto[];
  /** Set when the latest run tested another method or replaced settings: it is history, not the current result. */
  staleNote?: string | null;
  /** Demo only: offered on a TF401444 hop. */
  sandboxGrant?: SandboxGrantTarget | null;
}) {
  /** Under a failing hop: the sandbox's stand-in for the target admin (demo only), then "… is given: test again". */
  const hopAction = (check: CheckResultDto) => {
    const change = canRun && check.status === "fail" ? reportableChangeOf(check.code) : null;
    const grant = sandboxGrant && check.code === "TF401444" ? <SandboxGrantAction target={sandboxGrant} /> : null;
    if (!change && !grant) return null;
    return (
      <>
        {grant}
        {change ? <ReportChangeButton connectorId={connectorId} change={change} onReported={() => void run()} /> : null}
      </>
    );
  };
  const router = useRouter();
  const [running, setRunning] = useState(false);
  const [latest, setLatest] = useState<ValidationRunDto | null>(staleNote ? null : (initialRuns[0] ?? null));
  const queryClient = useQueryClient();
  const { data: runs = initialRuns } = useQuery({
    queryKey: connectorKeys.runs(connectorId),
    queryFn: ({ signal }) => connectorsApi.runs(connectorId, 10, signal),
    initialData: initialRuns,
    staleTime: Infinity,
  });
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
    await queryClient.invalidateQueries({ queryKey: connectorKeys.runs(connectorId) }).catch(() => undefined);
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
      let finished: ValidationRunDto | null = null;
      let stopped: string | null = null;
      let retrying = false;
      for await (const event of connectorsApi.chainTest(connectorId)) {
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
    } catch (error) {
      if (error instanceof ApiError && error.status !== 0) {
        const retryAfter = error.retryAfterSeconds ?? 0;
        setProblem({
          message:
            error.status === 429
              ? `Too many tests of this connector in the last minute. Try again in ${retryAfter > 0 ? retryAfter : "a few"} s.`
              : `The chain test could not run: ${error.message}${error.hint ? ` ${error.hint}` : ""}`,
          retryAt: error.status === 429 && retryAfter > 0 ? Date.now() + retryAfter * 1000 : null,
        });
        setNow(Date.now());
      } else setProblem({ message: "The portal did not answer. Check your connection and try again.", retryAt: null });
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
              if (check) return <HopRow key={check.key} check={check} index={index} total={total} action={hopAction(check)} />;
              const current = liveChecks.slice(0, index).every((earlier) => earlier !== null);
              return <WaitingHopRow key={`waiting-${index}`} label={hopLabels[index] ?? `Hop ${index + 1}`} index={index} total={total} running={current} />;
            })}
          </ol>
        ) : latest ? (
          <ol className="space-y-3" aria-label="Hops of the latest run">
            {latest.checks.map((check, index) => (
              <HopRow key={check.key} check={check} index={index} total={latest.checks.length} action={hopAction(check)} />
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
