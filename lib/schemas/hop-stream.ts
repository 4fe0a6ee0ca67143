// The streamed answer of a chain test ("Run chain test", "Check now") when the caller sends
// Accept: application/x-ndjson: one JSON object per line, each hop's check as it finishes, then
// the route's usual answer as "result", or "error" if the run failed after the first hop.
import type { CheckResultDto } from "./validation";

export const HOP_STREAM_CONTENT_TYPE = "application/x-ndjson";

// One flat object type per line (not an intersection), so the OpenAPI mirror can be compared with it.
type Line<T> = { [K in keyof T]: T[K] };

/** `position` is the hop's place in the chain, from 0. */
export type HopEvent = Line<{ type: "hop"; position: number } & CheckResultDto>;
export type HopStreamError = { code: string; message: string; hint?: string; requestId: string };

/**
 * The run failed with an error that Entra's propagation delay explains, shortly after the
 * connector changed: the chain runs again by itself in `inSeconds`, and its hops follow from
 * position 0. `code` is the failing hop's code; `reason` says what may still be propagating.
 */
export type RetryEvent = { type: "retry"; attempt: number; inSeconds: number; code: string; reason: string; giveUpAt: string };

export type HopStreamEvent<TResult extends object> = HopEvent | RetryEvent | Line<{ type: "result" } & TResult> | { type: "error"; error: HopStreamError };
