// The opener's half of a sign-in popup. The window is opened synchronously in the
// click handler (later calls are blocked as unrequested pop-ups); a null window means it was
// blocked. A message is accepted only when it comes from the portal's own origin AND from that
// very window AND matches the expected shape and flow id; everything else is ignored. A popup the
// user closes is noticed by polling `closed`, which stays readable across origins.
import type { ZodType } from "zod";

export type PopupOutcome<T> = { kind: "message"; message: T } | { kind: "closed" } | { kind: "timed_out" };

/** What the bridge needs from the page; tests pass their own. */
export type PopupHost = {
  origin: string;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
};

const browserHost = (): PopupHost => ({
  origin: window.location.origin,
  addEventListener: (type, listener) => window.addEventListener(type, listener),
  removeEventListener: (type, listener) => window.removeEventListener(type, listener),
});

/** Call synchronously inside the click handler. Null when the browser blocked the window. */
export function openPopup(name: string, width = 520, height = 700): Window | null {
  const left = Math.max(0, Math.round(window.screenX + (window.outerWidth - width) / 2));
  const top = Math.max(0, Math.round(window.screenY + (window.outerHeight - height) / 3));
  const popup = window.open("about:blank", name, `popup=yes,width=${width},height=${height},left=${left},top=${top}`);
  // Some blockers hand back a window that is already closed.
  if (!popup || popup.closed) return null;
  return popup;
}

export function isFromPopup(event: Pick<MessageEvent, "origin" | "source">, popup: unknown, ownOrigin: string): boolean {
  return event.origin === ownOrigin && popup !== null && event.source === popup;
}

export type WaitOptions<T> = {
  schema: ZodType<T>;
  /** The flow id (state) this page is waiting for; messages of other flows are ignored. */
  accept: (message: T) => boolean;
  timeoutMs: number;
  pollMs?: number;
  host?: PopupHost;
};

export function waitForPopupMessage<T>(popup: Pick<Window, "closed">, options: WaitOptions<T>): Promise<PopupOutcome<T>> {
  const host = options.host ?? browserHost();
  const pollMs = options.pollMs ?? 400;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PopupOutcome<T>) => {
      if (settled) return;
      settled = true;
      host.removeEventListener("message", onMessage);
      clearInterval(poll);
      clearTimeout(timer);
      resolve(outcome);
    };
    function onMessage(event: MessageEvent) {
      if (!isFromPopup(event, popup, host.origin)) return;
      const parsed = options.schema.safeParse(event.data);
      if (!parsed.success || !options.accept(parsed.data)) return;
      finish({ kind: "message", message: parsed.data });
    }
    host.addEventListener("message", onMessage);
    const poll = setInterval(() => {
      // The result page posts, then closes itself: give a message sent just before that a moment.
      if (popup.closed) setTimeout(() => finish({ kind: "closed" }), pollMs);
    }, pollMs);
    const timer = setTimeout(() => finish({ kind: "timed_out" }), options.timeoutMs);
  });
}
