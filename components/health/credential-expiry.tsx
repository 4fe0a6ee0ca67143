import type { HealthCredential } from "@/lib/schemas/health";
import { cx } from "@/components/ui/cx";
import { Time } from "@/components/ui/local-time";
import { daysUntil } from "@/components/ui/time";
import { patExpiryWarningDays } from "@/components/connectors/credential-summary";

// What will lapse and when: the OAuth sign-in's age, the PAT's expiry date, or that MI + FIC
// has no secret to expire. Only non-secret facts (an account name, four characters, dates).
export function CredentialExpiry({ credential, now }: { credential: HealthCredential; now: Date }) {
  if (credential.kind === "none") {
    return <span className="text-slate-700">{credential.reason === "mi_fic" ? "No secret (federated)" : "No secret (managed identity)"}</span>;
  }
  if (credential.kind === "oauth") {
    if (!credential.signedInAt) return <span className="font-medium text-amber-800">Not signed in</span>;
    return (
      <span className="text-slate-700">
        <span className="block truncate">{credential.account ?? "Signed in"}</span>
        <span className="text-xs text-slate-600">
          Signed in <Time iso={credential.signedInAt} format="relative" now={now} />
        </span>
      </span>
    );
  }
  if (!credential.configured) return <span className="font-medium text-amber-800">No PAT saved</span>;
  const masked = `PAT ••••${credential.last4 ?? ""}`;
  if (!credential.expiresAt)
    return (
      <span className="text-slate-700">
        {masked}
        <span className="block text-xs text-slate-600">Expiry unknown</span>
      </span>
    );
  const days = daysUntil(credential.expiresAt, now);
  const tone = days < 0 ? "font-medium text-red-700" : days <= patExpiryWarningDays ? "font-medium text-amber-800" : "text-slate-600";
  return (
    <span className="text-slate-700">
      {masked}
      <span className={cx("block text-xs", tone)}>
        {days < 0 ? "Expired" : "Expires"} <Time iso={credential.expiresAt} format="date" />
      </span>
    </span>
  );
}
