// The "Add repository" wizard. The server derives the organization's connector from the URL's
// organization (one connector per organization), so the method panels' router.refresh() brings
// the wizard the connector's new state; the interaction is the client wizard's.
import type { Metadata } from "next";
import { WizardLoader } from "@/components/sources/wizard/wizard-loader";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeftIcon, ShieldIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { getCurrentOperator } from "@/lib/server/auth/current-operator";
import { can } from "@/lib/server/auth/permissions";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import { db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { checkOrganizationName } from "@/lib/server/sources/check-organization-name";
import { adoOrganizationSchema, type ConnectorDto } from "@/lib/schemas/connector";

export const metadata: Metadata = { title: "Add repository" };

async function connectorOf(organization: string | null): Promise<ConnectorDto | null> {
  if (!organization) return null;
  const check = await checkOrganizationName(db(), organization);
  return check.connector ? getConnectorOrThrow(db(), check.connector.id) : null;
}

export default async function AddRepositoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const operator = await getCurrentOperator();
  const back = (
    <ButtonLink href="/knowledge-sources" variant="secondary" icon={<ArrowLeftIcon size={18} />}>
      Back to knowledge sources
    </ButtonLink>
  );
  // Adding a source may create a connector too: both permissions are needed.
  if (!can(operator, "sources.write") || !can(operator, "connectors.write")) {
    return (
      <>
        <PageHeader title="Add repository" actions={back} />
        <Card>
          <EmptyState icon={<ShieldIcon size={22} />} title="You need the administrator role" actions={back}>
            <p>
              Adding a repository gives the agent access to its code, so only TenantBridge administrators can do it. You are signed in as a reader: you
              can see every knowledge source and whether it is ready. Ask an administrator to add it, or to give you the TenantBridge.Admin role.
            </p>
          </EmptyState>
        </Card>
      </>
    );
  }
  const raw = (await searchParams).org;
  const parsed = adoOrganizationSchema.safeParse(typeof raw === "string" ? raw : "");
  const organization = parsed.success ? parsed.data : null;
  const connector = await connectorOf(organization);
  return (
    <>
      <PageHeader
        title="Add repository"
        description="Pick the organization and how the agent signs in there, choose the repositories, and see what the agent will be able to do before anything is saved."
        actions={back}
      />
      <WizardLoader adoHost={settings().adoBaseUrl.replace(/^https:\/\//, "").replace(/\/+$/, "")} serverOrganization={organization} connector={connector} />
    </>
  );
}
