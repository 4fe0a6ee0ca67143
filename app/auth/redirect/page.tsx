"use client";
// The MSAL popup lands here. msal-browser 5 does not read the popup's URL any more: this page
// hands the response to the opener over a BroadcastChannel. It must not send
// Cross-Origin-Opener-Policy (next.config.js exempts it), or the popup loses its opener group.
import { useEffect, useState } from "react";

export default function AuthRedirectPage() {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import("@azure/msal-browser/redirect-bridge").then(({ broadcastResponseToMainFrame }) => broadcastResponseToMainFrame()).catch(() => setFailed(true));
  }, []);
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-8 text-slate-800">
      <p role="status">{failed ? "This window has no sign-in to complete. You can close it." : "Completing sign-in…"}</p>
    </main>
  );
}
