// Why a connector's status is what it is, when it is not simply its chain test's verdict: its
// method is not set up, the last test was of another method or of replaced settings, or a
// knowledge source lacks a permission it was added for. The text comes from the one derivation
// (lib/schemas/connector-status.ts), so every page says the same.
import { cx } from "@/components/ui/cx";
import type { ConnectorDto } from "@/lib/schemas/connector";

export function StatusReason({ reason, className }: { reason: ConnectorDto["statusReason"]; className?: string }) {
  if (!reason) return null;
  return (
    <p className={cx("text-sm leading-6 text-slate-700", className)} data-testid="status-reason" data-from={reason.from}>
      {reason.text}
      {reason.fix ? (
        <>
          {" "}
          <span className="font-medium text-slate-900">Fix:</span> {reason.fix}
        </>
      ) : null}
    </p>
  );
}
