"use client";
// Client only: signing out is a POST (the session route refuses GET). refresh() afterwards drops
// the router cache, so no page rendered for the old session can be shown again with Back. The
// API client loads with the click: every page has this button, few pages need the client.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ScriptButton } from "@/components/ui/script-button";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <ScriptButton
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        try {
          const { authApi } = await import("@/lib/client/api/auth");
          await authApi.signOut();
        } catch {
          // Signed out or not, the sign-in page is where to go next.
        } finally {
          router.replace("/sign-in");
          router.refresh();
        }
      }}
      className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
    >
      {pending ? "Signing out…" : "Sign out"}
    </ScriptButton>
  );
}
