import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/audit-filters";
import { auditHref } from "@/components/audit/audit-href";
import { AuditTable } from "@/components/audit/audit-table";
import { Pagination } from "@/components/ui/pagination";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ClipboardList as AuditIcon, Search as SearchIcon } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { auditFilterOptions, listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { requireOperator } from "@/lib/server/auth/require-operator";
import { db } from "@/lib/server/db/client";
import { parseAuditParams } from "./audit-params";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireOperator("audit.read");
  const query = parseAuditParams(await searchParams);
  const [page, options] = await Promise.all([listAuditEvents(access, db(), query), auditFilterOptions(access, db())]);
  const { take: _take, page: _page, ...filters } = query;
  const filtered = Object.values(filters).some(Boolean);
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what and when: every change to a connector, credential or knowledge source, and every check. Entries cannot be edited or deleted from the portal, and never hold a secret."
      />
      <Card>
        {page.total > 0 || filtered ? <AuditFilters filters={filters} actions={options.actions} actors={options.actors} /> : null}
        {page.items.length > 0 ? (
          <>
            <AuditTable items={page.items} now={now} />
            <Pagination page={page.page} pageCount={page.pageCount} total={page.total} noun={["entry", "entries"]} href={(number) => auditHref({ ...filters, page: number })} />
          </>
        ) : filtered ? (
          <EmptyState
            icon={<SearchIcon size={22} />}
            title="No entries match"
            actions={
              <ButtonLink href="/audit" variant="secondary">
                Clear filters
              </ButtonLink>
            }
          >
            <p>Try a wider date range, another action, or part of the operator&apos;s name.</p>
          </EmptyState>
        ) : (
          <EmptyState icon={<AuditIcon size={22} />} title="Nothing recorded yet">
            <p>Each create, edit, method switch, secret change, deletion and check is recorded here as it happens.</p>
          </EmptyState>
        )}
      </Card>
    </>
  );
}
