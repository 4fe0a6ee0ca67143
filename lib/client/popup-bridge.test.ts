import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isFromPopup, waitForPopupMessage, type PopupHost } from "./popup-bridge";

const schema = z.object({ type: z.literal("result"), flowId: z.string(), value: z.number() }).strict();

function fakeHost(origin: string) {
  const listeners = new Set<(event: MessageEvent) => void>();
  const host: PopupHost = { origin, addEventListener: (_type, l) => listeners.add(l), removeEventListener: (_type, l) => listeners.delete(l) };
  const post = (data: unknown, from: { origin: string; source: unknown }) => listeners.forEach((listener) => listener({ data, origin: from.origin, source: from.source } as unknown as MessageEvent));
  return { host, post, listeners };
}

const portal = "http://localhost:3000";

describe("popup bridge", () => {
  it("accepts only the popup's own message from the portal's origin", () => {
    const popup = {};
    expect(isFromPopup({ origin: portal, source: popup as MessageEventSource }, popup, portal)).toBe(true);
    expect(isFromPopup({ origin: "https://evil.example", source: popup as MessageEventSource }, popup, portal)).toBe(false);
    expect(isFromPopup({ origin: portal, source: {} as MessageEventSource }, popup, portal)).toBe(false);
    expect(isFromPopup({ origin: portal, source: null }, null, portal)).toBe(false);
  });

  it("ignores forged, foreign, malformed and stale messages and resolves with the real one", async () => {
    const popup = { closed: false };
    const other = { closed: false };
    const { host, post, listeners } = fakeHost(portal);
    const waiting = waitForPopupMessage(popup, { schema, accept: (m) => m.flowId === "flow-1", timeoutMs: 5000, host });
    post({ type: "result", flowId: "flow-1", value: 1 }, { origin: "https://evil.example", source: popup }); // wrong origin
    post({ type: "result", flowId: "flow-1", value: 2 }, { origin: portal, source: other }); // another window
    post({ type: "result", flowId: "flow-1", value: "3", extra: true }, { origin: portal, source: popup }); // wrong shape
    post({ type: "result", flowId: "flow-0", value: 4 }, { origin: portal, source: popup }); // an older flow
    post({ type: "result", flowId: "flow-1", value: 5 }, { origin: portal, source: popup });
    expect(await waiting).toEqual({ kind: "message", message: { type: "result", flowId: "flow-1", value: 5 } });
    expect(listeners.size).toBe(0);
  });

  it("reports a popup closed without a result", async () => {
    const popup = { closed: false };
    const { host } = fakeHost(portal);
    const waiting = waitForPopupMessage(popup, { schema, accept: () => true, timeoutMs: 5000, pollMs: 10, host });
    popup.closed = true;
    expect(await waiting).toEqual({ kind: "closed" });
  });

  it("times out when nothing arrives", async () => {
    const { host } = fakeHost(portal);
    expect(await waitForPopupMessage({ closed: false }, { schema, accept: () => true, timeoutMs: 30, host })).toEqual({ kind: "timed_out" });
  });
});
