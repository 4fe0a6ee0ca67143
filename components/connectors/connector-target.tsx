import type { ConnectorDto } from "@/lib/schemas/connector";

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Where a connector points: the ADO organization URL, or the Kusto cluster and database. */
export function ConnectorTarget({ connector, adoHost }: { connector: ConnectorDto; adoHost: string }) {
  if (connector.kind === "ado") {
    return (
      <div className="min-w-0">
        <div className="truncate font-mono text-[13px] text-slate-800">
          {adoHost}/{connector.organization}
        </div>
        <div className="text-xs text-slate-600">Azure DevOps organization</div>
      </div>
    );
  }
  return (
    <div className="min-w-0">
      <div className="truncate font-mono text-[13px] text-slate-800" title={connector.clusterUrl ?? undefined}>
        {connector.clusterUrl ? hostOf(connector.clusterUrl) : "—"}
      </div>
      <div className="text-xs text-slate-600">
        Kusto database <span className="font-mono text-slate-700">{connector.database}</span>
      </div>
    </div>
  );
}
