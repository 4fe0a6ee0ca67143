import type { Metadata } from "next";
import { NewConnectorForm } from "@/components/connectors/new/new-connector-form";
import { ButtonLink } from "@/components/ui/button";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { requireOperator } from "@/lib/server/auth/require-operator";
import { settings } from "@/lib/server/settings";

export const metadata: Metadata = { title: "New connector" };

export default async function NewConnectorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperator("connectors.write");
  const kusto = (await searchParams).kind === "kusto";
  return (
    <>
      <PageHeader
        title={kusto ? "Add a Kusto database" : "Connect an Azure DevOps organization"}
        description={
          kusto
            ? "Pick the cluster and database and how the agent signs in: a managed identity + federated credential when the cluster is in another tenant, the agent's managed identity itself when it is in the same tenant."
            : "Pick the target and how the agent signs in. Validate quickly with OAuth, run production on managed identity + federated credential, and keep a PAT as the fallback."
        }
        actions={
          <ButtonLink href="/connectors" variant="secondary" icon={<ArrowLeftIcon size={18} />}>
            Back to connectors
          </ButtonLink>
        }
      />
      <NewConnectorForm initialKind={kusto ? "kusto" : "ado"} adoBaseUrl={settings().adoBaseUrl} />
    </>
  );
}
