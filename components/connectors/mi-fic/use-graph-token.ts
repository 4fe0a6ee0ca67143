"use client";
// A delegated Microsoft Graph token for the operator, from an msal-browser popup with account
// selection. It is handed to the portal's server for one Graph call and not kept in the page.
import { PublicClientApplication } from "@azure/msal-browser";
import { useEffect, useRef, useState } from "react";
import { describePopupError } from "@/lib/client/msal-popup-errors";
import { watchPopup } from "@/lib/client/msal-popup-watch";

export type GraphPopupConfig = { clientId: string; authority: string; knownAuthority: string; popupTimeoutMs: number; scope: string; redirectUri: string };

export type GraphTokenResult = { kind: "token"; accessToken: string; account: string } | { kind: "error"; message: string };

export function useGraphToken(config: GraphPopupConfig | null) {
  const client = useRef<PublicClientApplication | null>(null);
  const [ready, setReady] = useState(false);
  /** After a window closed early MSAL still counts its call as running: the next one overrides it. */
  const interrupted = useRef(false);

  useEffect(() => {
    if (!config) return;
    const pca = new PublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority, knownAuthorities: [config.knownAuthority], redirectUri: config.redirectUri },
      // Memory only: the Graph token must not outlive this page.
      cache: { cacheLocation: "memoryStorage" },
      system: { popupBridgeTimeout: config.popupTimeoutMs },
    });
    let active = true;
    void pca.initialize().then(() => {
      if (!active) return;
      client.current = pca;
      setReady(true);
    });
    return () => {
      active = false;
    };
  }, [config]);

  /** Call directly in a click handler: the popup opens synchronously inside it. */
  function acquire(): Promise<GraphTokenResult> {
    const pca = client.current;
    if (!pca || !config) return Promise.resolve({ kind: "error", message: "Microsoft sign-in is not ready yet. Wait a moment and select the button again." });
    const request = { scopes: [config.scope], prompt: "select_account", overrideInteractionInProgress: interrupted.current };
    return watchPopup(pca, () => pca.acquireTokenPopup(request))
      .then((result): GraphTokenResult => {
        interrupted.current = false;
        return { kind: "token", accessToken: result.accessToken, account: result.account?.username ?? "your account" };
      })
      .catch((error: unknown): GraphTokenResult => {
        interrupted.current = true;
        return { kind: "error", message: describePopupError(error) };
      });
  }

  return { ready, acquire };
}
