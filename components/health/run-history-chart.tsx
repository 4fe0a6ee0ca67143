import type { RunPoint } from "@/lib/schemas/health";
import { formatAbsolute } from "@/components/ui/time";

// Recent runs as bars, oldest left: a full green bar for a pass, a tall red one for a failure,
// a short amber one for a run that could not finish. Shape as well as colour carries the result,
// and the text alternative says the same in words.
const bar = { pass: { height: 16, fill: "#059669" }, fail: { height: 24, fill: "#dc2626" }, unknown: { height: 10, fill: "#d97706" }, running: { height: 6, fill: "#94a3b8" } } as const;
const SLOTS = 24;
const WIDTH = 4;
const GAP = 2;

export function RunHistoryChart({ runs }: { runs: RunPoint[] }) {
  if (runs.length === 0) return <span className="text-xs text-slate-600">No runs yet</span>;
  const oldestFirst = [...runs].reverse();
  const passed = runs.filter((run) => run.outcome === "pass").length;
  const failed = runs.filter((run) => run.outcome === "fail").length;
  const summary = `Last ${runs.length} ${runs.length === 1 ? "run" : "runs"}: ${passed} passed, ${failed} failed${runs.length - passed - failed ? `, ${runs.length - passed - failed} could not finish` : ""}; latest ${runs[0]!.outcome === "pass" ? "passed" : runs[0]!.outcome === "fail" ? "failed" : "could not finish"}.`;
  const width = SLOTS * (WIDTH + GAP);
  return (
    <svg role="img" aria-label={summary} width={width} height={26} viewBox={`0 0 ${width} 26`} className="block">
      <title>{summary}</title>
      <line x1={0} x2={width} y1={25.5} y2={25.5} stroke="#cbd5e1" strokeWidth={1} />
      {oldestFirst.map((run, index) => {
        const shape = bar[run.outcome];
        const x = (SLOTS - oldestFirst.length + index) * (WIDTH + GAP);
        return (
          <rect key={run.id} x={x} y={25 - shape.height} width={WIDTH} height={shape.height} rx={1} fill={shape.fill}>
            <title>{`${formatAbsolute(run.startedAt)} (${run.trigger}): ${run.outcome}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}
