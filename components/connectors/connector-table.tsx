import Link from "next/link";
import { authMethodLabels, type ConnectorDto } from "@/lib/schemas/connector";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { ConnectorKindIcon, connectorKindLabel } from "./connector-kind";
import { cx } from "@/components/ui/cx";
import { Time } from "@/components/ui/local-time";
import { authMethodPurpose } from "./auth-method-purpose";
import { ConnectorStatusBadge } from "./connector-status-badge";
import { ConnectorTarget } from "./connector-target";
import { summarizeCredential } from "./credential-summary";

const attentionText = { warning: "text-amber-800", danger: "text-red-700" } as const;

function CredentialCell({ connector, now }: { connector: ConnectorDto; now: Date }) {
  const summary = summarizeCredential(connector, now);
  return (
    <div>
      <div className="text-slate-800">{summary.primary}</div>
      {summary.secondary ? <div className={cx("text-xs", summary.attention ? cx("font-medium", attentionText[summary.attention]) : "text-slate-600")}>{summary.secondary}</div> : null}
    </div>
  );
}

function LastChecked({ connector, now }: { connector: ConnectorDto; now: Date }) {
  if (!connector.lastCheckedAt) return <span className="text-slate-600">Never</span>;
  return (
    <div>
      <Time iso={connector.lastCheckedAt} format="relative" now={now} className="text-slate-800" />
      {connector.nextCheckAt ? (
        <div className="text-xs text-slate-600">
          {new Date(connector.nextCheckAt) <= now ? (
            "Next check due"
          ) : (
            <>
              Next <Time iso={connector.nextCheckAt} format="relative" now={now} />
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}

export function ConnectorTable({ connectors, adoHost, now }: { connectors: ConnectorDto[]; adoHost: string; now: Date }) {
  return (
    <Table>
      <caption className="sr-only">Connectors, newest first</caption>
      <TableHead>
        <tr>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell className="hidden xl:table-cell">Target</TableHeaderCell>
          <TableHeaderCell>Method</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Credential</TableHeaderCell>
          <TableHeaderCell>Last checked</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {connectors.map((connector) => (
          <TableRow key={connector.id}>
            <TableCell>
              <div className="flex min-w-44 items-start gap-2.5">
                <span className="mt-0.5 text-slate-500">
                  <ConnectorKindIcon kind={connector.kind} size={18} />
                </span>
                <div className="min-w-0">
                  <Link href={`/connectors/${encodeURIComponent(connector.id)}`} className="font-semibold text-slate-900 underline-offset-2 hover:text-indigo-700 hover:underline">
                    {connector.displayName}
                  </Link>
                  <div className="text-xs text-slate-600">
                    {connector.kind === "ado"
                      ? `${connector.sourceCount} ${connector.sourceCount === 1 ? "repository" : "repositories"}`
                      : connector.kind === "kusto"
                        ? "Kusto"
                        : connectorKindLabel(connector)}
                  </div>
                  {/* Below xl the target column is hidden and its text moves here. */}
                  <div className="mt-1 xl:hidden">
                    <ConnectorTarget connector={connector} adoHost={adoHost} compact />
                  </div>
                </div>
              </div>
            </TableCell>
            <TableCell className="hidden max-w-64 xl:table-cell">
              <ConnectorTarget connector={connector} adoHost={adoHost} />
            </TableCell>
            <TableCell className="max-w-52 min-w-36">
              <div className="text-slate-800">{authMethodLabels[connector.authMethod]}</div>
              <div className="text-xs text-slate-600">{authMethodPurpose[connector.authMethod]}</div>
            </TableCell>
            <TableCell className="max-w-60">
              <div data-testid="connector-status">
                <ConnectorStatusBadge status={connector.status} />
              </div>
              {connector.statusReason ? <p className="mt-1 text-xs leading-5 text-slate-600">{connector.statusReason.text}</p> : null}
            </TableCell>
            <TableCell>
              <CredentialCell connector={connector} now={now} />
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <LastChecked connector={connector} now={now} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
