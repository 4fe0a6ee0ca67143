import { describe, expect, it } from "vitest";
import { readHopStream } from "./read-hop-stream";

/** A response whose body arrives in the given chunks, as a network would split it. */
function chunked(chunks: string[]): Response {
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    }),
  );
}

describe("readHopStream", () => {
  it("yields one event per line, whatever the chunking, including a last line without a newline", async () => {
    const events = [];
    for await (const event of readHopStream<{ run: { id: string } }>(
      chunked(['{"type":"hop","posi', 'tion":0,"key":"mi-token"}\n{"type":"hop","position":1', ',"key":"exchange"}\n\n{"type":"result","run":{"id":"r1"}}']),
    )) {
      events.push(event);
    }
    expect(events).toEqual([
      { type: "hop", position: 0, key: "mi-token" },
      { type: "hop", position: 1, key: "exchange" },
      { type: "result", run: { id: "r1" } },
    ]);
  });

  it("throws on a line that is not JSON", async () => {
    const read = async () => {
      for await (const event of readHopStream(chunked(["<html>\n"]))) void event;
    };
    await expect(read()).rejects.toThrow(SyntaxError);
  });
});
