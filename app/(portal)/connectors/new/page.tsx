import type { Metadata } from "next";
import { AuthMethodsOverview } from "@/components/connectors/auth-methods-overview";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New connector" };

export default async function NewConnectorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const kusto = (await searchParams).kind === "kusto";
  return (
    <>
      <PageHeader
        title={kusto ? "Add a Kusto database" : "Connect an Azure DevOps organization"}
        description={
          kusto
            ? "Give the agent read access to a Kusto database in another tenant, through its managed identity and a federated credential."
            : "Give the agent access to an Azure DevOps organization in another tenant: validate with your own sign-in first, then move it to managed identity."
        }
        actions={
          <ButtonLink href="/connectors" variant="secondary" icon={<ArrowLeftIcon size={18} />}>
            Back to connectors
          </ButtonLink>
        }
      />
      <Card>
        <CardHeader
          title="The setup assistant arrives with the authentication methods"
          description="It will check the organization name as you type, sign you in through a popup, and show what each identity can do before anything is saved."
        />
        <CardBody className="bg-slate-50/60">
          <AuthMethodsOverview />
        </CardBody>
      </Card>
    </>
  );
}
