import { Fragment } from "react";
import type { ConnectorDto } from "@/lib/schemas/connector";
import { azureTargetText, connectorKindLabel } from "./connector-kind";
import { kustoAddress } from "@/lib/schemas/connector-address";

/** Lets long hosts wrap after a dot or slash instead of in the middle of a word. */
function Breakable({ text }: { text: string }) {
  return text.split(/(?<=[./])/).map((part, index) => (
    <Fragment key={index}>
      {index > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

/** Where a connector points: the ADO organization URL, or the Kusto cluster and database. */
export function ConnectorTarget({ connector, adoHost, compact = false }: { connector: ConnectorDto; adoHost: string; compact?: boolean }) {
  if (connector.kind === "azure") {
    return compact ? (
      <div className="font-mono text-xs text-slate-700">{azureTargetText(connector)}</div>
    ) : (
      <div className="min-w-0">
        <div className="font-mono text-[13px] break-all text-slate-800">{azureTargetText(connector)}</div>
        <div className="text-xs text-slate-600">{connectorKindLabel(connector)}</div>
      </div>
    );
  }
  if (compact) {
    return (
      <div className="font-mono text-xs text-slate-700">
        <Breakable text={connector.kind === "ado" ? `${adoHost}/${connector.organization}` : `${connector.clusterUrl ? kustoAddress(connector.clusterUrl) : "—"}/${connector.database}`} />
      </div>
    );
  }
  if (connector.kind === "ado") {
    return (
      <div className="min-w-0">
        <div className="font-mono text-[13px] text-slate-800">
          <Breakable text={`${adoHost}/${connector.organization}`} />
        </div>
        <div className="text-xs text-slate-600">Azure DevOps organization</div>
      </div>
    );
  }
  return (
    <div className="min-w-0">
      <div className="font-mono text-[13px] text-slate-800">{connector.clusterUrl ? <Breakable text={kustoAddress(connector.clusterUrl)} /> : "—"}</div>
      <div className="text-xs text-slate-600">
        Kusto database <span className="font-mono text-slate-700">{connector.database}</span>
      </div>
    </div>
  );
}
