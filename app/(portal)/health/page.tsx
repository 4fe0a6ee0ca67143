import type { Metadata } from "next";
import { adoAddressBase } from "@/lib/schemas/connector-address";
import { AlertList } from "@/components/health/alert-list";
import { HealthFilters } from "@/components/health/health-filters";
import { healthHref } from "@/components/health/health-href";
import { HealthRow } from "@/components/health/health-row";
import { HealthSummary } from "@/components/health/health-summary";
import { Pagination } from "@/components/ui/pagination";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Activity as HealthIcon, Search as SearchIcon } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/server/auth/permissions";
import { requireOperator } from "@/lib/server/auth/require-operator";
import { db } from "@/lib/server/db/client";
import { loadHealthPage } from "@/lib/server/health/load-health-page";
import { settings } from "@/lib/server/settings";
import { parseHealthParams } from "./health-params";

export const metadata: Metadata = { title: "Health" };

function every(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

export default async function HealthPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireOperator("health.read");
  const query = parseHealthParams(await searchParams);
  const { health: config, adoBaseUrl } = settings();
  const { health, options, alerts } = await loadHealthPage(access, db(), query, config.checkIntervalSeconds);
  const canCheck = can(access.operator, "health.check");
  const adoHost = adoAddressBase(adoBaseUrl);
  // One clock for the page, so "checked 3 min ago" and "next in 12 min" agree.
  const now = new Date();
  const { page: _page, ...filters } = query;
  const everything = Object.values(health.counts).reduce((sum, count) => sum + count, 0);
  const filtered = Boolean(query.status || query.method || query.organization || query.tenant || query.search);
  const openAlerts = alerts.filter((alert) => !alert.type.endsWith(".recovered") && Date.parse(alert.at) > now.getTime() - 24 * 3600_000);

  return (
    <>
      <PageHeader
        title="Health"
        description={`Whether each connector still works, checked hop by hop every ${every(config.checkIntervalSeconds)}${config.schedulerEnabled ? "" : " (the schedule is off in this portal; checks run when asked)"}, with the fix when one breaks.`}
      />
      {everything === 0 && !filtered ? (
        <Card>
          <EmptyState
            icon={<HealthIcon size={22} />}
            title="Nothing to check yet"
            actions={
              <ButtonLink href="/connectors" variant="secondary">
                Go to connectors
              </ButtonLink>
            }
          >
            <p>Once a connector exists, its checks run here on a schedule, and a change to failing or back to healthy is announced.</p>
          </EmptyState>
        </Card>
      ) : (
        <>
          {openAlerts.length > 0 ? (
            <div role="status" className="mb-4 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-900 ring-1 ring-red-200">
              <span className="font-semibold">
                {openAlerts.length} {openAlerts.length === 1 ? "connector turned" : "state changes to"} failing or needing sign-in in the last 24 hours.
              </span>{" "}
              Each is listed under “Recent alerts” with its fix.
            </div>
          ) : null}
          <HealthSummary counts={health.counts} filters={filters} />
          <Card className="mt-4">
            <HealthFilters filters={filters} organizations={options.organizations} tenants={options.tenants} />
            {health.rows.length > 0 ? (
              <>
                <ul className="divide-y divide-slate-200" aria-label="Connectors, those that need attention first">
                  {health.rows.map((row) => (
                    <HealthRow key={row.id} row={row} now={now} adoHost={adoHost} canCheck={canCheck} />
                  ))}
                </ul>
                <Pagination page={health.page} pageCount={health.pageCount} total={health.total} noun={["connector", "connectors"]} href={(page) => healthHref({ ...filters, page })} />
              </>
            ) : (
              <EmptyState
                icon={<SearchIcon size={22} />}
                title="No connectors match"
                actions={
                  <ButtonLink href="/health" variant="secondary">
                    Clear filters
                  </ButtonLink>
                }
              >
                <p>Try another state, method, organization or tenant, or part of the connector&apos;s name.</p>
              </EmptyState>
            )}
          </Card>
          <Card className="mt-6">
            <CardHeader
              title="Recent alerts"
              description={config.alertWebhookUrl ? "Each change is also sent, signed, to the configured webhook." : "No webhook is configured (TB_ALERT_WEBHOOK_URL); changes are shown here."}
            />
            {alerts.length > 0 ? <AlertList alerts={alerts} now={now} /> : <p className="px-5 py-4 text-sm text-slate-600">No connector has turned failing or recovered yet.</p>}
          </Card>
        </>
      )}
    </>
  );
}
