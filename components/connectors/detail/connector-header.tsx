import Link from "next/link";
import { authMethodLabels, type ConnectorDto } from "@/lib/schemas/connector";
import { kustoAddress } from "@/lib/schemas/connector-address";
import { ConnectorStatusBadge } from "@/components/connectors/connector-status-badge";
import { StatusReason } from "@/components/connectors/status-reason";
import { authMethodPurpose } from "@/components/connectors/auth-method-purpose";
import { ArrowLeft as ArrowLeftIcon } from "lucide-react";
import { azureTargetText, ConnectorKindIcon, connectorKindLabel } from "@/components/connectors/connector-kind";
import { Time } from "@/components/ui/local-time";

/** The connector's name, where it points, how it signs in, and whether that worked last time. */
export function ConnectorHeader({ connector, adoHost, now }: { connector: ConnectorDto; adoHost: string; now: Date }) {
  const target =
    connector.kind === "ado"
      ? `${adoHost}/${connector.organization}`
      : connector.kind === "azure"
        ? `${connectorKindLabel(connector)} · ${azureTargetText(connector)}`
        : `${connector.clusterUrl ? kustoAddress(connector.clusterUrl) : "—"} · ${connector.database}`;
  return (
    <header className="mb-6" data-testid="connector-header">
      <Link href="/connectors" className="inline-flex items-center gap-1.5 rounded text-sm font-medium text-slate-600 hover:text-slate-900">
        <ArrowLeftIcon size={16} />
        Connectors
      </Link>
      <div className="mt-3 flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 items-start gap-3">
          <span className="mt-1 flex size-10 shrink-0 items-center justify-center rounded-lg bg-white text-slate-600 ring-1 ring-slate-200" aria-hidden="true">
            <ConnectorKindIcon kind={connector.kind} size={20} />
          </span>
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{connector.displayName}</h1>
            <p className="mt-1 font-mono text-[13px] break-all text-slate-700">{target}</p>
          </div>
        </div>
        <div data-testid="connector-status">
          <ConnectorStatusBadge status={connector.status} />
        </div>
      </div>
      <StatusReason reason={connector.statusReason} className="mt-3 rounded-md bg-amber-50/60 px-4 py-2 ring-1 ring-amber-200" />
      <dl className="mt-4 grid gap-4 rounded-lg bg-white px-5 py-3 text-sm ring-1 ring-slate-200 sm:grid-cols-3">
        <div>
          <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{connectorKindLabel(connector)}</dt>
          <dd className="mt-0.5 text-slate-900">{connector.kind === "ado" ? connector.organization : connector.kind === "kusto" ? connector.database : azureTargetText(connector)}</dd>
        </div>
        <div>
          <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Method</dt>
          <dd className="mt-0.5 text-slate-900">
            {authMethodLabels[connector.authMethod]} <span className="text-slate-600">· {authMethodPurpose[connector.authMethod]}</span>
          </dd>
        </div>
        <div>
          <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Last checked</dt>
          <dd className="mt-0.5 text-slate-900">{connector.lastCheckedAt ? <Time iso={connector.lastCheckedAt} format="relative" now={now} /> : "Never"}</dd>
        </div>
      </dl>
      {connector.status === "draft" ? (
        <div className="mt-3 rounded-lg border border-amber-200 bg-amber-50 px-5 py-3 text-sm text-amber-950" data-testid="draft-missing">
          <p className="font-semibold">A draft: the agent does not use this connector until its chain test passes.</p>
          <p className="mt-1">{connector.draftMissing ?? "Its setup has not been proved yet: run the chain test."}</p>
        </div>
      ) : null}
    </header>
  );
}
