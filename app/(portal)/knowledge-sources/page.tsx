import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FeatureList } from "@/components/ui/feature-list";
import { BellIcon, RepoIcon, ShieldIcon, SourcesIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Knowledge sources" };

export default function KnowledgeSourcesPage() {
  return (
    <>
      <PageHeader
        title="Knowledge sources"
        description="The repositories the agent clones and searches to answer questions and review changes, each reached through its organization's connector."
      />
      <Card>
        <EmptyState
          icon={<SourcesIcon size={22} />}
          title="Repositories will be listed here"
          actions={
            <ButtonLink href="/connectors" variant="secondary">
              Go to connectors
            </ButtonLink>
          }
        >
          <p>
            Repositories are picked per Azure DevOps organization, after its connector can sign in. Choose a project, add the
            repositories the agent should know, and they will be listed here with their branch and readiness.
          </p>
        </EmptyState>
      </Card>
      <Card className="mt-6">
        <CardHeader title="What you will manage here" />
        <CardBody>
          <FeatureList
            features={[
              {
                title: "Repositories per project",
                body: "Each source is one repository in one project, with the branch the agent reads and a short description of what it holds.",
                icon: <RepoIcon size={18} />,
              },
              {
                title: "Access checked, not assumed",
                body: "Before a source is ready, the portal reads it with the connector's own identity, so a missing permission shows up now and not in the agent's logs.",
                icon: <ShieldIcon size={18} />,
              },
              {
                title: "Kept in step with Azure DevOps",
                body: "Renamed or deleted repositories are flagged on the health page with the connector that can no longer see them.",
                icon: <BellIcon size={18} />,
              },
            ]}
          />
        </CardBody>
      </Card>
    </>
  );
}
