// Reads a streamed chain test (lib/schemas/hop-stream.ts): one JSON object per line, yielded as
// each line arrives, so the page can show every hop the moment it finishes.
import { HOP_STREAM_CONTENT_TYPE, type HopStreamEvent } from "@/lib/schemas/hop-stream";

/** Headers that ask a chain test route for its streamed answer. */
export const hopStreamHeaders = { accept: HOP_STREAM_CONTENT_TYPE } as const;

export async function* readHopStream<TResult extends object>(response: Response): AsyncGenerator<HopStreamEvent<TResult>> {
  if (!response.body) throw new Error("The chain test answered without a body.");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) yield JSON.parse(line) as HopStreamEvent<TResult>;
    }
    if (buffered.trim()) yield JSON.parse(buffered) as HopStreamEvent<TResult>;
  } finally {
    reader.releaseLock();
  }
}
