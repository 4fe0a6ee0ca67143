import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { CopyableText } from "@/components/ui/copyable-text";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/local-time";
import { ConnectorStatusBadge } from "@/components/connectors/connector-status-badge";
import type { ConsentState, TenantAppDto } from "@/lib/schemas/tenants";

const consentDisplay: Record<ConsentState, { label: string; tone: BadgeTone }> = {
  consented: { label: "Consented", tone: "success" },
  not_consented: { label: "Not consented", tone: "danger" },
  failing: { label: "Exchange failing", tone: "warning" },
  unknown: { label: "Not checked yet", tone: "neutral" },
};

/** One app's target tenants: consent state, last exchange and the connectors that use each. */
export function TenantTable({ app, now }: { app: TenantAppDto; now: Date }) {
  return (
    <Table aria-label={`Target tenants of app ${app.appClientId}`}>
      <TableHead>
        <tr>
          <TableHeaderCell>Tenant</TableHeaderCell>
          <TableHeaderCell>Consent</TableHeaderCell>
          <TableHeaderCell>Last exchange</TableHeaderCell>
          <TableHeaderCell>Connectors</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {app.tenants.map((tenant) => {
          const consent = consentDisplay[tenant.consent];
          const exchange = tenant.lastExchange;
          return (
            <TableRow key={tenant.tenantId} data-tenant={tenant.tenantId} data-consent={tenant.consent}>
              <TableCell className="font-mono text-[13px] text-slate-800">{tenant.tenantId}</TableCell>
              <TableCell>
                <Badge tone={consent.tone}>{consent.label}</Badge>
                {tenant.consent === "not_consented" ? (
                  <div className="mt-1.5 text-xs text-slate-700">
                    An admin of this tenant opens the{" "}
                    <a href={tenant.consentUrl} target="_blank" rel="noopener noreferrer" className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
                      admin consent link<span className="sr-only"> for tenant {tenant.tenantId}</span>
                    </a>
                    . <CopyButton value={tenant.consentUrl} label={`admin consent link for tenant ${tenant.tenantId}`} className="ml-1 align-middle" />
                  </div>
                ) : null}
              </TableCell>
              <TableCell className="max-w-sm text-sm">
                {exchange ? (
                  <>
                    <div className="text-slate-900">
                      {exchange.outcome === "pass" ? "Passed" : exchange.outcome === "fail" ? `Failed${exchange.code ? ` (${exchange.code})` : ""}` : "No answer"}{" "}
                      <Time iso={exchange.at} format="relative" now={now} className="text-slate-600" />
                    </div>
                    <div className="text-xs text-slate-600">
                      {exchange.outcome === "pass" ? (
                        exchange.servicePrincipalId ? (
                          <>
                            Service principal <CopyableText value={exchange.servicePrincipalId} label="service principal object id" />
                          </>
                        ) : (
                          "Token issued"
                        )
                      ) : (
                        (exchange.title ?? "")
                      )}
                      {" · "}
                      {exchange.from === "tenant_check" ? "check all tenants" : "chain test"}
                    </div>
                  </>
                ) : (
                  <span className="text-slate-600">Never</span>
                )}
              </TableCell>
              <TableCell>
                <ul className="space-y-1">
                  {tenant.connectors.map((connector) => (
                    <li key={connector.id} className="flex flex-wrap items-center gap-2">
                      <Link href={`/connectors/${encodeURIComponent(connector.id)}`} className="font-medium text-slate-900 underline-offset-2 hover:text-indigo-700 hover:underline">
                        {connector.displayName}
                      </Link>
                      <ConnectorStatusBadge status={connector.status} />
                    </li>
                  ))}
                </ul>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
