import type { Metadata } from "next";
import { NewConnectorForm } from "@/components/connectors/new/new-connector-form";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Card } from "@/components/ui/card";
import { ArrowLeftIcon, ShieldIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { getCurrentOperator } from "@/lib/server/auth/current-operator";
import { can } from "@/lib/server/auth/permissions";
import { settings } from "@/lib/server/settings";

export const metadata: Metadata = { title: "New connector" };

export default async function NewConnectorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const kusto = (await searchParams).kind === "kusto";
  const operator = await getCurrentOperator();
  const back = (
    <ButtonLink href="/connectors" variant="secondary" icon={<ArrowLeftIcon size={18} />}>
      Back to connectors
    </ButtonLink>
  );
  if (!can(operator, "connectors.write")) {
    return (
      <>
        <PageHeader title="New connector" actions={back} />
        <Card>
          <EmptyState icon={<ShieldIcon size={22} />} title="You need the administrator role" actions={back}>
            <p>
              Adding a connector gives the agent access to another tenant, so only TenantBridge administrators can do it. You are signed in as a
              reader: you can see every connector and its health. Ask an administrator to add it, or to give you the TenantBridge.Admin role.
            </p>
          </EmptyState>
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={kusto ? "Add a Kusto database" : "Connect an Azure DevOps organization"}
        description="Pick the target and how the agent signs in. Validate quickly with OAuth, run production on managed identity + federated credential, and keep a PAT as the fallback."
        actions={back}
      />
      <NewConnectorForm initialKind={kusto ? "kusto" : "ado"} adoBaseUrl={settings().adoBaseUrl} />
    </>
  );
}
