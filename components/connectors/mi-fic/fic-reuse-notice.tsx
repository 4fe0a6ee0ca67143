"use client";
// Entra keeps one federated credential per issuer and subject on an app. When the portal knows the
// app already trusts this identity (it created or found the credential for another connector), or
// another saved connector uses the same app and identity, the assistant says so, with its source,
// instead of offering a second script that would duplicate the trust.
import type { KnownTrust } from "@/lib/schemas/fic-trust";

export function FicReuseNotice({ trust }: { trust: KnownTrust }) {
  return (
    <div role="status" data-testid="fic-reused" className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm leading-6 text-emerald-950">
      {trust.name ? (
        <>
          <p className="font-semibold">
            Already trusted by app {trust.appClientId}, reused: “{trust.name}”.
          </p>
          <p>
            The app has a federated credential with this issuer and subject ({trust.source}). Entra allows one per issuer and subject on an app, and every connector of this identity shares it: no
            second az script, template or Graph request.
          </p>
        </>
      ) : (
        <>
          <p className="font-semibold">Same app and identity as a saved connector: its credential is reused.</p>
          <p>
            The {trust.source.replace(/ uses the same app and identity$/, "")} uses app {trust.appClientId} with this identity, and Entra allows one federated credential per issuer and subject on an
            app, so both connectors share one. Create it once, from that connector&apos;s assistant, if it does not exist yet; there is no second one to create here.
          </p>
        </>
      )}
    </div>
  );
}
