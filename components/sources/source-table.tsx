// The knowledge sources: what the agent reads, where it is, on which branch, whether it is ready,
// and through which connector (method) it is reached.
import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/local-time";
import { ConnectorStatusBadge } from "@/components/connectors/connector-status-badge";
import { authMethodLabels, connectorStatuses, type AuthMethod, type ConnectorStatus } from "@/lib/schemas/connector";
import type { OrganizationConnectorSummary, SourceDto } from "@/lib/schemas/source";
import { EditSourceButton } from "./edit-source-button";
import { RemoveSourceButton } from "./remove-source-button";
import { SourceStatus } from "./source-status";

const isAuthMethod = (value: string): value is AuthMethod => value in authMethodLabels;
const isConnectorStatus = (value: string): value is ConnectorStatus => (connectorStatuses as readonly string[]).includes(value);

export function SourceTable({ sources, connectors, now, canEdit }: { sources: SourceDto[]; connectors: Map<string, OrganizationConnectorSummary>; now: Date; canEdit: boolean }) {
  return (
    <Table aria-label="Knowledge sources">
      <TableHead>
        <tr>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Organization / project / repository</TableHeaderCell>
          <TableHeaderCell>Branch</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Connector</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {sources.map((source) => {
          const connector = connectors.get(source.connectorId);
          return (
            <TableRow key={source.id} data-testid="source-row" data-repository={source.repository}>
              <TableCell className="max-w-xs min-w-40">
                <p className="font-medium text-slate-900">{source.displayName}</p>
                {source.description ? <p className="mt-0.5 text-xs leading-5 text-slate-600">{source.description}</p> : null}
                {/* In the first column, so the actions never sit behind the table's sideways scroll. */}
                {canEdit ? (
                  <div className="mt-2 flex flex-wrap gap-2">
                    <EditSourceButton source={source} />
                    <RemoveSourceButton source={source} />
                  </div>
                ) : null}
              </TableCell>
              <TableCell>
                <span className="font-mono text-[13px] whitespace-nowrap text-slate-800">
                  {source.organization}/{source.project}/{source.repository}
                </span>
              </TableCell>
              <TableCell>
                <span className="font-mono text-[13px] text-slate-800">{source.branch ?? "default"}</span>
                {source.areaPath ? (
                  <p className="mt-1 text-xs text-slate-600">
                    Work items in <span className="font-mono">{source.areaPath}</span>
                  </p>
                ) : null}
              </TableCell>
              <TableCell className="min-w-72">
                <SourceStatus source={source} />
                {source.validatedAt ? (
                  <p className="mt-1 text-xs text-slate-600">
                    Checked <Time iso={source.validatedAt} format="relative" now={now} />
                  </p>
                ) : null}
              </TableCell>
              <TableCell>
                {connector ? (
                  <>
                    <Link
                      href={`/connectors/${encodeURIComponent(connector.id)}`}
                      className="font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      {connector.displayName}
                    </Link>
                    <p className="text-xs text-slate-600">{isAuthMethod(connector.authMethod) ? authMethodLabels[connector.authMethod] : connector.authMethod}</p>
                    {isConnectorStatus(connector.status) ? (
                      <div className="mt-1" data-testid="connector-status">
                        <ConnectorStatusBadge status={connector.status} />
                      </div>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-600">Unknown connector</span>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
