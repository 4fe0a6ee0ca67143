// The "Add repository" wizard. The server derives the organization's connector from the URL's
// organization (one connector per organization), so the method panels' router.refresh() brings
// the wizard the connector's new state; the interaction is the client wizard's.
import type { Metadata } from "next";
import { WizardLoader } from "@/components/sources/wizard/wizard-loader";
import { ButtonLink } from "@/components/ui/button";
import { ArrowLeft as ArrowLeftIcon } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import type { Access } from "@/lib/server/auth/access";
import { requireOperator } from "@/lib/server/auth/require-operator";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import { db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { checkOrganizationName } from "@/lib/server/sources/check-organization-name";
import { adoOrganizationSchema, type ConnectorDto } from "@/lib/schemas/connector";

export const metadata: Metadata = { title: "Add repository" };

async function connectorOf(access: Access<"sources.write" | "connectors.write">, organization: string | null): Promise<ConnectorDto | null> {
  if (!organization) return null;
  const check = await checkOrganizationName(access, db(), organization);
  return check.connector ? getConnectorOrThrow(access, db(), check.connector.id) : null;
}

export default async function AddRepositoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Adding a source may create a connector too: both permissions are needed.
  const access = await requireOperator("sources.write", "connectors.write");
  const raw = (await searchParams).org;
  const parsed = adoOrganizationSchema.safeParse(typeof raw === "string" ? raw : "");
  const organization = parsed.success ? parsed.data : null;
  const connector = await connectorOf(access, organization);
  return (
    <>
      <PageHeader
        title="Add repository"
        description="Pick the organization and how the agent signs in there, choose the repositories, and see what the agent will be able to do before anything is saved."
        actions={
          <ButtonLink href="/knowledge-sources" variant="secondary" icon={<ArrowLeftIcon size={18} />}>
            Back to knowledge sources
          </ButtonLink>
        }
      />
      <WizardLoader
        adoHost={settings()
          .adoBaseUrl.replace(/^https:\/\//, "")
          .replace(/\/+$/, "")}
        serverOrganization={organization}
        connector={connector}
      />
    </>
  );
}
