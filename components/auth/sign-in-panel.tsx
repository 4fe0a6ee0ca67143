"use client";
// Operator sign-in with an MSAL popup. The popup is opened synchronously in the click handler
// (a popup opened later is blocked by the browser); the nonce that ties the returned ID token to
// this browser comes with the page (its cookie with the page's answer), and is fetched again only
// for another try after a refusal.
import { PublicClientApplication } from "@azure/msal-browser";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ApiError } from "@/lib/client/api/client";
import { authApi } from "@/lib/client/api/auth";
import { describePopupError } from "@/lib/client/msal-popup-errors";
import { watchPopup } from "@/lib/client/msal-popup-watch";
import { ScriptButton } from "@/components/ui/script-button";

/** `redirectUri` comes from the server (TB_PUBLIC_URL), so it is the one registered with Entra ID. */
export type SignInConfig = { clientId: string; authority: string; knownAuthority: string; popupTimeoutMs: number; redirectUri: string };

type State = { kind: "preparing" } | { kind: "ready" } | { kind: "signing-in" } | { kind: "error"; message: string; hint?: string };

export function SignInPanel({ config, nonce: pageNonce }: { config: SignInConfig; nonce: string | null }) {
  const router = useRouter();
  const client = useRef<PublicClientApplication | null>(null);
  const nonce = useRef<string | null>(pageNonce);
  /** After a window closed early MSAL still counts its call as running: the next one overrides it. */
  const interrupted = useRef(false);
  const [state, setState] = useState<State>({ kind: "preparing" });

  async function prepare() {
    try {
      nonce.current = await authApi.nonce();
    } catch (error) {
      const problem = ApiError.from(error);
      throw new Error(problem.status === 0 ? problem.message : `The portal did not answer (${problem.status}).`);
    }
  }

  useEffect(() => {
    const pca = new PublicClientApplication({
      auth: {
        clientId: config.clientId,
        authority: config.authority,
        knownAuthorities: [config.knownAuthority],
        redirectUri: config.redirectUri,
      },
      cache: { cacheLocation: "sessionStorage" },
      system: { popupBridgeTimeout: config.popupTimeoutMs },
    });
    Promise.all([pca.initialize(), nonce.current ? null : prepare()])
      .then(() => {
        client.current = pca;
        setState({ kind: "ready" });
      })
      .catch((error: unknown) => setState({ kind: "error", message: describePopupError(error) }));
  }, [config]);

  async function signIn() {
    const pca = client.current;
    if (!pca || !nonce.current) {
      // The page could not prepare the sign-in (the portal did not answer); try that again.
      setState({ kind: "preparing" });
      prepare()
        .then(() => setState(client.current ? { kind: "ready" } : { kind: "error", message: "Sign-in is not ready. Reload the page." }))
        .catch((error: unknown) => setState({ kind: "error", message: describePopupError(error) }));
      return;
    }
    setState({ kind: "signing-in" });
    try {
      const request = { scopes: ["openid", "profile"], prompt: "select_account", nonce: nonce.current, overrideInteractionInProgress: interrupted.current };
      const result = await watchPopup(pca, () => pca.loginPopup(request));
      interrupted.current = false;
      const refused = await authApi.createSession(result.idToken).then(
        () => null,
        (error: unknown) => ApiError.from(error),
      );
      if (refused) {
        await prepare();
        setState({ kind: "error", message: refused.message, hint: refused.hint });
        return;
      }
      router.replace("/connectors");
      router.refresh();
    } catch (error) {
      interrupted.current = true;
      await prepare().catch(() => undefined);
      setState({ kind: "error", message: describePopupError(error) });
    }
  }

  const busy = state.kind === "preparing" || state.kind === "signing-in";
  return (
    <div className="space-y-4">
      <ScriptButton
        type="button"
        onClick={signIn}
        disabled={busy}
        className="inline-flex w-full items-center justify-center gap-3 rounded-md bg-slate-900 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-wait disabled:opacity-70"
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 21 21">
          <rect x="1" y="1" width="9" height="9" fill="#f25022" />
          <rect x="11" y="1" width="9" height="9" fill="#7fba00" />
          <rect x="1" y="11" width="9" height="9" fill="#00a4ef" />
          <rect x="11" y="11" width="9" height="9" fill="#ffb900" />
        </svg>
        {state.kind === "signing-in" ? "Waiting for the sign-in window…" : "Sign in with Microsoft"}
      </ScriptButton>
      <div aria-live="polite">
        {state.kind === "error" && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            <p className="font-medium">{state.message}</p>
            {state.hint && <p className="mt-1">{state.hint}</p>}
          </div>
        )}
      </div>
    </div>
  );
}
