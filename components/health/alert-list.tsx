import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { FixText } from "@/components/ui/fix-text";
import { CircleCheck as CheckCircleIcon, CircleX as XCircleIcon, TriangleAlert as AlertTriangleIcon, User as UserIcon } from "lucide-react";
import { Time } from "@/components/ui/local-time";
import type { AlertEventDto } from "@/lib/schemas/health";

const kinds = {
  "connector.failing": { label: "Failing", tone: "danger", icon: <XCircleIcon size={14} /> },
  "connector.needs_signin": { label: "Needs sign-in", tone: "warning", icon: <UserIcon size={14} /> },
  "connector.recovered": { label: "Recovered", tone: "success", icon: <CheckCircleIcon size={14} /> },
  "source.degraded": { label: "Source degraded", tone: "warning", icon: <AlertTriangleIcon size={14} /> },
  "source.recovered": { label: "Source ready again", tone: "success", icon: <CheckCircleIcon size={14} /> },
} as const;

const isRecovery = (type: AlertEventDto["type"]) => type === "connector.recovered" || type === "source.recovered";

const delivery: Record<AlertEventDto["delivery"]["status"], string> = {
  none: "Shown here only (no webhook configured)",
  pending: "Webhook: sending",
  delivered: "Webhook: delivered",
  failed: "Webhook: not delivered",
};

/** Recent state changes, newest first: failures with the hop and fix, recoveries as clearly. */
export function AlertList({ alerts, now }: { alerts: AlertEventDto[]; now: Date }) {
  return (
    <ul className="divide-y divide-slate-200" aria-label="Recent alerts">
      {alerts.map((alert) => {
        const kind = kinds[alert.type];
        return (
          <li key={alert.id} className="flex flex-wrap items-start justify-between gap-x-6 gap-y-1 px-5 py-3" data-alert={alert.type}>
            <div className="flex min-w-0 items-start gap-3">
              <Badge tone={kind.tone} icon={kind.icon}>
                {kind.label}
              </Badge>
              <div className="min-w-0 text-sm">
                <p className="text-slate-900">
                  <Link href={`/connectors/${alert.connectorId}`} className="font-semibold hover:underline">
                    {alert.connectorName}
                  </Link>{" "}
                  <span className="text-slate-600">({alert.target})</span>
                  {alert.source ? (
                    <>
                      , knowledge source <span className="font-semibold">{alert.source.name}</span>
                    </>
                  ) : null}
                  {alert.type === "source.recovered" ? (
                    <> is ready again for everything it was added for.</>
                  ) : alert.type === "connector.recovered" ? (
                    <> recovered: every check passes again.</>
                  ) : alert.check ? (
                    <>
                      {" "}
                      at “{alert.check.label}”{alert.check.code ? <span className="font-mono text-xs"> {alert.check.code}</span> : null}
                    </>
                  ) : null}
                </p>
                {!isRecovery(alert.type) && alert.check?.fix ? (
                  <div className="mt-0.5 text-slate-700">
                    <span className="font-medium text-slate-900">Fix: </span>
                    <FixText fix={alert.check.fix} />
                  </div>
                ) : null}
                <p className="mt-0.5 text-xs text-slate-600">
                  {delivery[alert.delivery.status]}
                  {alert.delivery.status === "failed" && alert.delivery.lastError ? ` after ${alert.delivery.attempts} attempts: ${alert.delivery.lastError}` : ""}
                </p>
              </div>
            </div>
            <Time iso={alert.at} format="relative" now={now} className="shrink-0 text-xs text-slate-600" />
          </li>
        );
      })}
    </ul>
  );
}
