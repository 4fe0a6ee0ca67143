"use client";
// Entra keeps one federated credential per issuer and subject on an app. When the portal knows the
// app already trusts this identity (it created or found the credential, or another saved connector
// uses the same app and identity), the assistant says so instead of offering a second script.
import type { KnownTrust } from "@/lib/schemas/fic-trust";

export function FicReuseNotice({ trust }: { trust: KnownTrust }) {
  return (
    <div role="status" data-testid="fic-reused" className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm leading-6 text-emerald-950">
      <p className="font-semibold">
        Already trusted by app {trust.appClientId}, reused{trust.name ? `: “${trust.name}”` : ""}.
      </p>
      <p>
        The app already has a federated credential with this issuer and subject ({trust.source}). Entra allows one per issuer and subject on an app,
        and every connector of this identity shares it, so there is nothing to create here: no second az script, template or Graph request.
      </p>
      {trust.name ? null : (
        <p className="mt-1 text-emerald-900">
          The portal does not know the credential&apos;s name (it was not created through this portal); it is the one that connector&apos;s chain test already proves.
        </p>
      )}
    </div>
  );
}
