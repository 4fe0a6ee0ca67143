// MSAL's popup calls learn the result from the redirect page over a BroadcastChannel, so they do
// not notice a window the user closed: they wait for `popupBridgeTimeout`. MSAL announces the
// window it opened (the POPUP_OPENED event); this watches that window's `closed` and settles the
// call as cancelled within about a second. It needs the page to keep its link to the popup through
// Entra's pages (COOP `same-origin-allow-popups`, see next.config.js); under `same-origin` the link
// is severed and `closed` reads true while the window is still open.
import { EventType, type EventMessage, type IPublicClientApplication } from "@azure/msal-browser";

const POLL_MS = 250;
/** The redirect page posts its result and then closes itself: a result that closely precedes `closed` still wins. */
const GRACE_MS = 750;

export class PopupClosedError extends Error {
  readonly errorCode = "user_cancelled";
  constructor() {
    super("The sign-in window was closed before sign-in finished.");
    this.name = "PopupClosedError";
  }
}

/**
 * Runs one MSAL popup call (`start` must call loginPopup/acquireTokenPopup synchronously, so the
 * window opens inside the click) and rejects with PopupClosedError once its window is closed.
 */
export function watchPopup<T>(client: Pick<IPublicClientApplication, "addEventCallback" | "removeEventCallback">, start: () => Promise<T>): Promise<T> {
  let popup: Window | null = null;
  const callbackId = client.addEventCallback((message: EventMessage) => {
    if (message.eventType !== EventType.POPUP_OPENED) return;
    const payload = message.payload as { popupWindow?: Window } | null;
    if (payload?.popupWindow) popup = payload.popupWindow;
  });
  let poll: ReturnType<typeof setInterval> | undefined;
  let grace: ReturnType<typeof setTimeout> | undefined;
  const closed = new Promise<never>((_, reject) => {
    poll = setInterval(() => {
      if (!popup?.closed || grace) return;
      grace = setTimeout(() => reject(new PopupClosedError()), GRACE_MS);
    }, POLL_MS);
  });
  const cleanUp = () => {
    clearInterval(poll);
    clearTimeout(grace);
    if (callbackId) client.removeEventCallback(callbackId);
  };
  const call = start();
  return Promise.race([call, closed]).finally(cleanUp);
}
