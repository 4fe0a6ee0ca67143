// A connector's page. Minimal for now: the credential panels of its authentication method.
// The full detail page (checks, knowledge sources, history) replaces this.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OauthConnectPanel } from "@/components/connectors/oauth/oauth-connect-panel";
import { PatPanel } from "@/components/connectors/pat/pat-panel";
import { ButtonLink } from "@/components/ui/button";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { authMethodLabels } from "@/lib/schemas/connector";
import { getCurrentOperator } from "@/lib/server/auth/current-operator";
import { can } from "@/lib/server/auth/permissions";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "Connector" };

export default async function ConnectorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const operator = await getCurrentOperator();
  if (!operator || !can(operator, "connectors.read")) notFound();
  const connector = await getConnectorOrThrow(db(), id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const canEdit = can(operator, "connectors.write");
  return (
    <>
      <PageHeader
        title={connector.displayName}
        description={`${connector.kind === "ado" ? `Azure DevOps organization ${connector.organization}` : `Kusto database ${connector.database}`} · ${authMethodLabels[connector.authMethod]}`}
        actions={
          <ButtonLink href="/connectors" variant="secondary" icon={<ArrowLeftIcon size={18} />}>
            Back to connectors
          </ButtonLink>
        }
      />
      <div className="space-y-6">
        {connector.kind === "ado" && connector.authMethod === "oauth" ? <OauthConnectPanel connector={connector} canEdit={canEdit} /> : null}
        {connector.kind === "ado" && connector.authMethod === "pat" ? <PatPanel connector={connector} canEdit={canEdit} /> : null}
      </div>
    </>
  );
}
