import { Time } from "@/components/ui/local-time";
import { daysUntil } from "@/components/ui/time";
import { patExpiryWarningDays } from "@/components/connectors/credential-summary";

/** A saved PAT's expiry, with a warning before it lapses and an alarm after. */
export function PatExpiryNotice({ expiresAt, now }: { expiresAt: string | null; now: Date }) {
  if (!expiresAt) {
    return <p className="text-sm text-slate-600">No expiry date recorded. Add one when you replace the PAT, so TenantBridge can warn before it lapses.</p>;
  }
  const days = daysUntil(expiresAt, now);
  if (days < 0) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
        <span className="font-semibold">
          This PAT expired on <Time iso={expiresAt} format="date" />.
        </span>{" "}
        Azure DevOps refuses it now. Create a new PAT with the Code (Read) scope and replace it.
      </p>
    );
  }
  if (days <= patExpiryWarningDays) {
    const when = days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
    return (
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
        <span className="font-semibold">
          This PAT expires {when} (<Time iso={expiresAt} format="date" />
          ).
        </span>{" "}
        Create a new one now and replace it, before the agent loses access.
      </p>
    );
  }
  return (
    <p className="text-sm text-slate-700">
      Expires <Time iso={expiresAt} format="date" />.
    </p>
  );
}
