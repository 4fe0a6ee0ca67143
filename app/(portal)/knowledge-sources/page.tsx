import type { Metadata } from "next";
import { AddRepositoryLink } from "@/components/sources/add-repository-link";
import { SourceTable } from "@/components/sources/source-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BookOpen as SourcesIcon } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/server/auth/permissions";
import { requireOperator } from "@/lib/server/auth/require-operator";
import { db } from "@/lib/server/db/client";
import { listOrganizations } from "@/lib/server/sources/list-organizations";
import { listSources } from "@/lib/server/sources/list-sources";
import type { OrganizationConnectorSummary, SourceDto } from "@/lib/schemas/source";

/** "3 repositories: 1 ready for everything it was added for, 1 for reading code only, 1 draft"; "all ready" only when every capability of every source passed. */
function readinessSummary(sources: SourceDto[]): string {
  const count = (level: SourceDto["readiness"]["level"]) => sources.filter((source) => source.readiness.level === level).length;
  const [everything, readOnly, drafts] = [count("everything"), count("read_code"), count("nothing")];
  const total = `${sources.length} ${sources.length === 1 ? "repository" : "repositories"}`;
  if (everything === sources.length) return `${total}, ${sources.length === 1 ? "ready" : "all ready"} for everything ${sources.length === 1 ? "it was" : "they were"} added for`;
  const parts = [
    everything > 0 ? `${everything} ready for everything ${everything === 1 ? "it was" : "they were"} added for` : null,
    readOnly > 0 ? `${readOnly} ready for reading code only (see what is missing)` : null,
    drafts > 0 ? `${drafts} ${drafts === 1 ? "draft" : "drafts"} the agent does not use until the missing access is granted` : null,
  ];
  return `${total}: ${parts.filter(Boolean).join(", ")}`;
}

export const metadata: Metadata = { title: "Knowledge sources" };

export default async function KnowledgeSourcesPage() {
  const access = await requireOperator("sources.read");
  const [sources, organizations] = await Promise.all([listSources(access, db(), {}), listOrganizations(access, db())]);
  const canAdd = can(access.operator, "sources.write") && can(access.operator, "connectors.write");
  const connectors = new Map<string, OrganizationConnectorSummary>();
  for (const organization of organizations.items) if (organization.connector) connectors.set(organization.connector.id, organization.connector);
  const summary = readinessSummary(sources.items);

  return (
    <>
      <PageHeader
        title="Knowledge sources"
        description="The repositories the agent clones and searches to answer questions and review changes, each reached through its organization's connector."
        actions={canAdd && sources.items.length > 0 ? <AddRepositoryLink /> : null}
      />
      {sources.items.length === 0 ? (
        <Card>
          <EmptyState icon={<SourcesIcon size={22} />} title="No repositories yet" actions={canAdd ? <AddRepositoryLink /> : null}>
            <p>
              Add the repositories the agent should know. The wizard signs in to the Azure DevOps organization (or reuses its connector), lists its projects and repositories live, and checks what the
              agent will be able to do before anything is saved.
            </p>
            {canAdd ? null : <p className="mt-2 font-medium text-slate-700">An administrator can add the first repository.</p>}
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3 text-sm text-slate-600">
            <span data-testid="sources-summary">{summary}</span>
          </div>
          <SourceTable sources={sources.items} connectors={connectors} now={new Date()} canEdit={can(access.operator, "sources.write")} />
        </Card>
      )}
    </>
  );
}
