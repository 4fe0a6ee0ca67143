import type { Metadata } from "next";
import { NewConnectorForm } from "@/components/connectors/new/new-connector-form";
import { ButtonLink } from "@/components/ui/button";
import { ArrowLeft as ArrowLeftIcon } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { requireOperator } from "@/lib/server/auth/require-operator";
import { settings } from "@/lib/server/settings";

export const metadata: Metadata = { title: "New connector" };

export default async function NewConnectorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperator("connectors.write");
  const requested = (await searchParams).kind;
  const kind = requested === "kusto" || requested === "azure" ? requested : "ado";
  return (
    <>
      <PageHeader
        title={kind === "kusto" ? "Add a Kusto database" : kind === "azure" ? "Connect an Azure resource" : "Connect an Azure DevOps organization"}
        description={
          kind === "azure"
            ? "Pick the resource and how the agent's managed identity signs in. Saving the settings runs the chain test, which ends with a real call to the resource."
            : kind === "kusto"
              ? "Pick the cluster and database and how the agent signs in: a managed identity + federated credential when the cluster is in another tenant, the agent's managed identity itself when it is in the same tenant."
              : "Pick the target and how the agent signs in. Validate quickly with OAuth, run production on managed identity + federated credential, and keep a PAT as the fallback."
        }
        actions={
          <ButtonLink href="/connectors" variant="secondary" icon={<ArrowLeftIcon size={18} />}>
            Back to connectors
          </ButtonLink>
        }
      />
      <NewConnectorForm initialKind={kind} adoBaseUrl={settings().adoBaseUrl} />
    </>
  );
}
