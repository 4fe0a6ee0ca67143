"use client";
// Operator sign-in with an MSAL popup. The popup is opened synchronously in the click handler
// (a popup opened later is blocked by the browser); msal-browser loads as the pointer or focus
// reaches the button. The nonce that ties the returned ID token to this browser comes with the
// page (its cookie with the page's answer), and is fetched again only for another try.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { describePopupError } from "@/lib/client/msal-popup-errors";
import { useMsalPopup, type MsalPopupConfig } from "@/lib/client/use-msal-popup";
import { ScriptButton } from "@/components/ui/script-button";

export type SignInConfig = MsalPopupConfig;

type State = { kind: "ready" } | { kind: "preparing" } | { kind: "signing-in" } | { kind: "error"; message: string; hint?: string };

/** The API client loads with the first call: the page needs it only once the popup answered. */
const authClient = () => Promise.all([import("@/lib/client/api/auth"), import("@/lib/client/api/client")]).then(([{ authApi }, { ApiError }]) => ({ authApi, ApiError }));

export function SignInPanel({ config, nonce: pageNonce }: { config: SignInConfig; nonce: string | null }) {
  const router = useRouter();
  const nonce = useRef<string | null>(pageNonce);
  const msal = useMsalPopup(config, "sessionStorage");
  const [state, setState] = useState<State>({ kind: "ready" });

  /** A fresh nonce for another try (the page's own came with it). */
  async function fetchNonce() {
    const { authApi, ApiError } = await authClient();
    try {
      nonce.current = await authApi.nonce();
    } catch (error) {
      const problem = ApiError.from(error);
      throw new Error(problem.status === 0 ? problem.message : `The portal did not answer (${problem.status}).`);
    }
  }

  function signIn() {
    const current = nonce.current;
    if (!current) {
      // The page came without a nonce and could not get one: try that again.
      setState({ kind: "preparing" });
      fetchNonce()
        .then(() => setState({ kind: "ready" }))
        .catch((error: unknown) => setState({ kind: "error", message: describePopupError(error) }));
      return;
    }
    setState({ kind: "signing-in" });
    // No await before popup(): the window must open inside the click's user activation.
    const signedIn = msal.popup((pca, overrideInteractionInProgress) => pca.loginPopup({ scopes: ["openid", "profile"], prompt: "select_account", nonce: current, overrideInteractionInProgress }));
    void signedIn.then(
      async (result) => {
        const { authApi, ApiError } = await authClient();
        const refused = await authApi.createSession(result.idToken).then(
          () => null,
          (error: unknown) => ApiError.from(error),
        );
        if (!refused) {
          router.replace("/connectors");
          router.refresh();
          return;
        }
        await fetchNonce().catch(() => undefined);
        setState({ kind: "error", message: refused.message, hint: refused.hint });
      },
      async (error: unknown) => {
        await fetchNonce().catch(() => undefined);
        setState({ kind: "error", message: describePopupError(error) });
      },
    );
  }

  const busy = state.kind === "preparing" || state.kind === "signing-in";
  return (
    <div className="space-y-4">
      <ScriptButton
        type="button"
        onClick={signIn}
        onPointerEnter={() => void msal.prepare()?.catch(() => undefined)}
        onFocus={() => void msal.prepare()?.catch(() => undefined)}
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
