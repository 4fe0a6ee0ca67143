import type { ReactNode } from "react";
import { CircleCheck as CheckCircleIcon, CircleDashed as CircleDashedIcon, CircleX as XCircleIcon, Clock as ClockIcon, TriangleAlert as AlertTriangleIcon } from "lucide-react";
import type { CheckResultDto, CheckStatus, RunOutcome } from "@/lib/schemas/validation";
import { isUnansweredCode } from "@/lib/schemas/unanswered-code";

// A word and an icon for each state, as well as a colour, so it reads without colour vision.
export const checkStatusDisplay: Record<CheckStatus, { label: string; icon: ReactNode; text: string; ring: string }> = {
  pass: { label: "Passed", icon: <CheckCircleIcon size={18} />, text: "text-emerald-800", ring: "ring-emerald-600/25 bg-emerald-50/40" },
  fail: { label: "Failed", icon: <XCircleIcon size={18} />, text: "text-red-800", ring: "ring-red-600/30 bg-red-50/40" },
  unknown: { label: "Unknown", icon: <AlertTriangleIcon size={18} />, text: "text-amber-800", ring: "ring-amber-600/30 bg-amber-50/40" },
  skipped: { label: "Skipped", icon: <CircleDashedIcon size={18} />, text: "text-slate-600", ring: "ring-slate-200 bg-white" },
};

type CheckDisplay = (typeof checkStatusDisplay)[CheckStatus];

/** A hop whose service did not answer reads "Not answering", not "Failed": the setup may be fine. */
const notAnswering: CheckDisplay = { label: "Not answering", icon: <ClockIcon size={18} />, text: "text-amber-800", ring: "ring-amber-600/30 bg-amber-50/40" };

export function checkDisplay(check: Pick<CheckResultDto, "status" | "code">): CheckDisplay {
  if ((check.status === "fail" || check.status === "unknown") && isUnansweredCode(check.code)) return notAnswering;
  return checkStatusDisplay[check.status];
}

export const runOutcomeLabels: Record<RunOutcome, string> = { pass: "All hops passed", fail: "Failed", unknown: "Could not finish", running: "Running" };

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
