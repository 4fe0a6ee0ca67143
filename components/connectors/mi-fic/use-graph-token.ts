"use client";
// A delegated Microsoft Graph token for the operator, from an msal-browser popup with account
// selection. It is handed to the portal's server for one Graph call and not kept in the page.
// msal-browser (about 80 kB) loads when the operator moves to the button or focuses it, not with
// the page: most visits to a connector never create a credential through Graph.
import type { PublicClientApplication } from "@azure/msal-browser";
import { useRef } from "react";
import { describePopupError } from "@/lib/client/msal-popup-errors";

export type GraphPopupConfig = { clientId: string; authority: string; knownAuthority: string; popupTimeoutMs: number; scope: string; redirectUri: string };

export type GraphTokenResult = { kind: "token"; accessToken: string; account: string } | { kind: "error"; message: string };

type Loaded = { pca: PublicClientApplication; watchPopup: (typeof import("@/lib/client/msal-popup-watch"))["watchPopup"] };

async function load(config: GraphPopupConfig): Promise<Loaded> {
  const [{ PublicClientApplication }, { watchPopup }] = await Promise.all([import("@azure/msal-browser"), import("@/lib/client/msal-popup-watch")]);
  const pca = new PublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority, knownAuthorities: [config.knownAuthority], redirectUri: config.redirectUri },
    // Memory only: the Graph token must not outlive this page.
    cache: { cacheLocation: "memoryStorage" },
    system: { popupBridgeTimeout: config.popupTimeoutMs },
  });
  await pca.initialize();
  return { pca, watchPopup };
}

export function useGraphToken(config: GraphPopupConfig | null) {
  const loading = useRef<{ config: GraphPopupConfig; loaded: Promise<Loaded> } | null>(null);
  /** After a window closed early MSAL still counts its call as running: the next one overrides it. */
  const interrupted = useRef(false);

  /** Starts loading msal-browser (on pointer enter or focus of the button); safe to call again. */
  function prepare(): Promise<Loaded> | null {
    if (!config) return null;
    if (loading.current?.config !== config) {
      const loaded = load(config);
      loading.current = { config, loaded };
      // A failed load (the portal went away) is tried again at the next attempt.
      loaded.catch(() => {
        if (loading.current?.loaded === loaded) loading.current = null;
      });
    }
    return loading.current.loaded;
  }

  /**
   * Call directly in a click handler. Once msal-browser is loaded (it starts loading as the pointer
   * reaches the button) the popup opens inside the click; otherwise right after it loads, still
   * within the click's user activation.
   */
  function acquire(): Promise<GraphTokenResult> {
    const loaded = prepare();
    if (!loaded || !config) return Promise.resolve({ kind: "error", message: "Creating the credential through Microsoft Graph is not configured on this portal." });
    const request = { scopes: [config.scope], prompt: "select_account", overrideInteractionInProgress: interrupted.current };
    return loaded
      .then(({ pca, watchPopup }) => watchPopup(pca, () => pca.acquireTokenPopup(request)))
      .then((result): GraphTokenResult => {
        interrupted.current = false;
        return { kind: "token", accessToken: result.accessToken, account: result.account?.username ?? "your account" };
      })
      .catch((error: unknown): GraphTokenResult => {
        interrupted.current = true;
        return { kind: "error", message: describePopupError(error) };
      });
  }

  return { prepare, acquire };
}
