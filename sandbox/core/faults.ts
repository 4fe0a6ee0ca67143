// Fault injection for reliability tests: added latency, throttling with Retry-After, server
// errors and hangs, on any endpoint of either listener (Entra, managed identity, Graph, ADO,
// Kusto, ARM). The admin API itself is never faulted so a test can always clear faults.
import { z } from "zod";
import type { SandboxResponse } from "../contract";
import { json } from "./http";

export const faultSchema = z
  .object({
    /** A value starting with "/" is a path prefix; anything else is a regular expression on the path. */
    path: z.string().min(1),
    method: z.string().min(1).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    status: z
      .number()
      .int()
      .refine((s) => s === 429 || (s >= 500 && s <= 599), "status must be 429 or 5xx")
      .optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    hang: z.boolean().optional(),
    /** How many matching requests the fault applies to; unlimited when absent. */
    times: z.number().int().positive().optional(),
  })
  .strict()
  .refine((f) => f.path.startsWith("/") || isValidRegExp(f.path), { message: "path is neither a prefix nor a valid regular expression", path: ["path"] });

export type Fault = z.infer<typeof faultSchema>;

export type FaultOutcome = { latencyMs: number; hang: boolean; response: SandboxResponse | null };

type ActiveFault = Fault & { id: number; matcher: (path: string) => boolean; remaining: number | null };

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export class FaultStore {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(fault: Fault): number {
    const id = this.nextId++;
    const regex = fault.path.startsWith("/") ? null : new RegExp(fault.path);
    this.faults.push({
      ...fault,
      id,
      matcher: (path) => (regex ? regex.test(path) : path.startsWith(fault.path)),
      remaining: fault.times ?? null,
    });
    return id;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Array<Fault & { id: number; remaining: number | null }> {
    return this.faults.map(({ matcher: _matcher, ...rest }) => rest);
  }

  /** Every matching fault adds its latency; the first matching status or hang decides the answer. */
  take(method: string, path: string): FaultOutcome {
    const outcome: FaultOutcome = { latencyMs: 0, hang: false, response: null };
    for (const fault of this.faults) {
      if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!fault.matcher(path)) continue;
      if (fault.remaining !== null) fault.remaining -= 1;
      outcome.latencyMs += fault.latencyMs ?? 0;
      if (outcome.response || outcome.hang) continue;
      if (fault.hang) outcome.hang = true;
      else if (fault.status) outcome.response = faultResponse(fault);
    }
    this.faults = this.faults.filter((f) => f.remaining === null || f.remaining > 0);
    return outcome;
  }
}

function faultResponse(fault: Fault): SandboxResponse {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = { "x-sandbox-fault": "injected" };
  if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
  const code = status === 429 ? "TooManyRequests" : status === 503 ? "ServiceUnavailable" : "InternalServerError";
  return json(status, { error: { code, message: `Fault injected by the sandbox (${status}).` } }, headers);
}
