import "server-only";
// A chain test answered line by line (lib/schemas/hop-stream.ts). The run starts inside the route
// handler, so it keeps the request-id context of apiRoute even though the body is read after the
// handler has returned. Nothing is sent until the first hop has finished: an error before that
// (not found, rate limited) is thrown, and the one translator answers it with its status as JSON.
import { HOP_STREAM_CONTENT_TYPE, type HopEvent, type HopStreamError, type RetryEvent } from "@/lib/schemas/hop-stream";
import type { CheckResultDto } from "@/lib/schemas/validation";
import { translateError } from "./translate-error";

/** True when the caller asked for the streamed answer. */
export function wantsHopStream(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return accept.split(",").some((part) => part.split(";")[0]?.trim().toLowerCase() === HOP_STREAM_CONTENT_TYPE);
}

type OnHop = (check: CheckResultDto, position: number) => void;
/** Tells the stream that the run will be retried (see RetryEvent). */
export type OnRetry = (event: Omit<RetryEvent, "type">) => void;

export async function streamHops<TResult extends object>(run: (onHop: OnHop, onRetry: OnRetry) => Promise<TResult>): Promise<Response> {
  const encoder = new TextEncoder();
  const waiting: string[] = [];
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let open = true;
  let firstHop: () => void = () => {};
  const started = new Promise<void>((resolve) => (firstHop = resolve));

  const write = (event: object) => {
    const line = `${JSON.stringify(event)}\n`;
    if (!controller) {
      waiting.push(line);
      return;
    }
    // A browser that went away has cancelled the stream; the run still finishes and is stored.
    if (open) controller.enqueue(encoder.encode(line));
  };
  const close = () => {
    if (!open) return;
    open = false;
    controller?.close();
  };

  const done = run(
    (check, position) => {
      const event: HopEvent = { type: "hop", position, ...check };
      write(event);
      firstHop();
    },
    (retry) => write({ type: "retry", ...retry } satisfies RetryEvent),
  );
  // Rejects here (and so answers as plain JSON) only when the run failed before its first hop.
  await Promise.race([started, done]);

  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      for (const line of waiting.splice(0)) streamController.enqueue(encoder.encode(line));
      done.then(
        (result) => {
          write({ type: "result", ...result });
          close();
        },
        async (error: unknown) => {
          const { error: body } = (await translateError(error).json()) as { error: HopStreamError };
          write({ type: "error", error: body });
          close();
        },
      );
    },
    cancel() {
      open = false;
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": `${HOP_STREAM_CONTENT_TYPE}; charset=utf-8`,
      // Proxies must pass each line on as it comes (nginx buffers otherwise) and not compress it.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
