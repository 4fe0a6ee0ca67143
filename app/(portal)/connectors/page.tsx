import type { Metadata } from "next";
import { adoAddressBase } from "@/lib/schemas/connector-address";
import { ConnectorFilters } from "@/components/connectors/connector-filters";
import { ConnectorTable } from "@/components/connectors/connector-table";
import { ConnectorsEmptyState } from "@/components/connectors/connectors-empty-state";
import { connectorsHref } from "@/components/connectors/connectors-href";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeft as ArrowLeftIcon, ArrowRight as ArrowRightIcon, Cloud as CloudIcon, Database as DatabaseIcon, Plus as PlusIcon, Search as SearchIcon } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/server/auth/permissions";
import { requireOperator } from "@/lib/server/auth/require-operator";
import { listConnectors } from "@/lib/server/connectors/list-connectors";
import { db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { parseConnectorListParams } from "./list-params";

export const metadata: Metadata = { title: "Connectors" };

const pageSize = 25;

export default async function ConnectorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireOperator("connectors.read");
  const params = parseConnectorListParams(await searchParams);
  const page = await listConnectors(access, db(), { status: params.status, search: params.search, cursor: params.cursor, take: pageSize });
  const canWrite = can(access.operator, "connectors.write");
  const filtered = Boolean(params.status || params.search);
  const firstRun = page.items.length === 0 && !filtered && !params.cursor;
  const adoHost = adoAddressBase(settings().adoBaseUrl);
  // One clock for the whole page, so "in 5 days" and "expires soon" agree with each other.
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Connectors"
        description="How the agent reaches each Azure DevOps organization, Kusto database and Azure resource in other tenants, and whether that still works."
        actions={
          canWrite && !firstRun ? (
            <>
              <ButtonLink href="/connectors/new?kind=azure" variant="secondary" icon={<CloudIcon size={18} />}>
                Add Azure resource
              </ButtonLink>
              <ButtonLink href="/connectors/new?kind=kusto" variant="secondary" icon={<DatabaseIcon size={18} />}>
                Add Kusto database
              </ButtonLink>
              <ButtonLink href="/connectors/new" icon={<PlusIcon size={18} />}>
                Connect Azure DevOps
              </ButtonLink>
            </>
          ) : null
        }
      />
      {firstRun ? (
        <Card>
          <ConnectorsEmptyState canWrite={canWrite} />
        </Card>
      ) : (
        <Card>
          <ConnectorFilters status={params.status} search={params.search} />
          {page.items.length > 0 ? (
            <ConnectorTable connectors={page.items} adoHost={adoHost} now={now} />
          ) : (
            <EmptyState
              icon={<SearchIcon size={22} />}
              title="No connectors match"
              actions={
                <ButtonLink href="/connectors" variant="secondary">
                  Clear filters
                </ButtonLink>
              }
            >
              {params.search ? (
                <p>
                  Nothing is named like “{params.search}”{params.status ? " with this status" : ""}. Try part of the organization name.
                </p>
              ) : (
                <p>No connector has this status right now.</p>
              )}
            </EmptyState>
          )}
          {params.cursor || page.nextCursor ? (
            <div className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
              <span>
                {page.items.length} {page.items.length === 1 ? "connector" : "connectors"} on this page
              </span>
              <div className="flex gap-2">
                {params.cursor ? (
                  <ButtonLink href={connectorsHref({ status: params.status, search: params.search })} variant="secondary" size="sm" icon={<ArrowLeftIcon size={16} />}>
                    First page
                  </ButtonLink>
                ) : null}
                {page.nextCursor ? (
                  <ButtonLink href={connectorsHref({ status: params.status, search: params.search, cursor: page.nextCursor })} variant="secondary" size="sm">
                    Next page
                    <ArrowRightIcon size={16} />
                  </ButtonLink>
                ) : null}
              </div>
            </div>
          ) : null}
        </Card>
      )}
    </>
  );
}
