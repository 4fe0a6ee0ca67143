"use client";
// A delegated Microsoft Graph token for the operator, from an msal-browser popup with account
// selection. It is handed to the portal's server for one Graph call and not kept in the page
// (memory cache). msal-browser loads as the operator reaches the button (useMsalPopup): most
// visits to a connector never create a credential through Graph.
import { describePopupError } from "@/lib/client/msal-popup-errors";
import { useMsalPopup, type MsalPopupConfig } from "@/lib/client/use-msal-popup";

export type GraphPopupConfig = MsalPopupConfig & { scope: string };

export type GraphTokenResult = { kind: "token"; accessToken: string; account: string } | { kind: "error"; message: string };

export function useGraphToken(config: GraphPopupConfig | null) {
  const { prepare, popup } = useMsalPopup(config, "memoryStorage");

  /** Call directly in a click handler (see useMsalPopup's popup). */
  function acquire(): Promise<GraphTokenResult> {
    if (!config) return Promise.resolve({ kind: "error", message: "Creating the credential through Microsoft Graph is not configured on this portal." });
    return popup((pca, overrideInteractionInProgress) => pca.acquireTokenPopup({ scopes: [config.scope], prompt: "select_account", overrideInteractionInProgress })).then(
      (result): GraphTokenResult => ({ kind: "token", accessToken: result.accessToken, account: result.account?.username ?? "your account" }),
      (error: unknown): GraphTokenResult => ({ kind: "error", message: describePopupError(error) }),
    );
  }

  return { prepare, acquire };
}
