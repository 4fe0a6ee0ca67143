"use client";
// An msal-browser popup (sign-in, or a token for Microsoft Graph) whose library loads when the
// operator moves to the button or focuses it, not with the page: msal-browser is about 80 kB
// gzipped, more than the rest of most pages.
import type { PublicClientApplication } from "@azure/msal-browser";
import { useRef } from "react";

/** `redirectUri` comes from the server (TB_PUBLIC_URL), so it is the one registered with Entra ID. */
export type MsalPopupConfig = { clientId: string; authority: string; knownAuthority: string; popupTimeoutMs: number; redirectUri: string };

/** Where MSAL keeps its cache: the portal's sign-in for the tab, a Graph token only in memory. */
export type MsalCache = "sessionStorage" | "memoryStorage";

type Loaded = { pca: PublicClientApplication; watchPopup: (typeof import("@/lib/client/msal-popup-watch"))["watchPopup"] };

async function load(config: MsalPopupConfig, cache: MsalCache): Promise<Loaded> {
  const [{ PublicClientApplication }, { watchPopup }] = await Promise.all([import("@azure/msal-browser"), import("@/lib/client/msal-popup-watch")]);
  const pca = new PublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority, knownAuthorities: [config.knownAuthority], redirectUri: config.redirectUri },
    cache: { cacheLocation: cache },
    system: { popupBridgeTimeout: config.popupTimeoutMs },
  });
  await pca.initialize();
  return { pca, watchPopup };
}

export function useMsalPopup(config: MsalPopupConfig | null, cache: MsalCache) {
  const loading = useRef<{ config: MsalPopupConfig; loaded: Promise<Loaded> } | null>(null);
  /** After a window closed early MSAL still counts its call as running: the next one overrides it. */
  const interrupted = useRef(false);

  /** Starts loading msal-browser (on pointer enter or focus of the button); safe to call again. */
  function prepare(): Promise<Loaded> | null {
    if (!config) return null;
    if (loading.current?.config !== config) {
      const loaded = load(config, cache);
      loading.current = { config, loaded };
      // A failed load (the portal went away) is tried again at the next attempt.
      loaded.catch(() => {
        if (loading.current?.loaded === loaded) loading.current = null;
      });
    }
    return loading.current.loaded;
  }

  /**
   * Call directly in a click handler, with `call` starting the MSAL popup call synchronously. Once
   * msal-browser is loaded (it starts loading as the pointer reaches the button) the popup opens
   * inside the click; otherwise right after it loads, still within the click's user activation.
   * Rejects with MSAL's error, or PopupClosedError once the window is closed.
   */
  function popup<T>(call: (pca: PublicClientApplication, overrideInteractionInProgress: boolean) => Promise<T>): Promise<T> {
    const loaded = prepare();
    if (!loaded) return Promise.reject(new Error("Signing in with Microsoft is not configured on this portal."));
    return loaded
      .then(({ pca, watchPopup }) => watchPopup(pca, () => call(pca, interrupted.current)))
      .then(
        (result) => {
          interrupted.current = false;
          return result;
        },
        (error: unknown) => {
          interrupted.current = true;
          throw error;
        },
      );
  }

  return { prepare, popup };
}
