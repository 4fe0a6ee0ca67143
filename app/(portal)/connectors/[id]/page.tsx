// A connector's page: what it is and whether it works, its method panel (with the way to another
// method), the chain test with recent runs, and the danger zone. Readers see all of it without
// the buttons that change something; the routes refuse their changes anyway.
import { adoAddressBase } from "@/lib/schemas/connector-address";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChainTestPanel } from "@/components/connectors/chain-test/chain-test-panel";
import { ConnectorHeader } from "@/components/connectors/detail/connector-header";
import { DangerZone } from "@/components/connectors/detail/danger-zone";
import { hopLabels } from "@/components/connectors/detail/hop-labels";
import { MethodSection } from "@/components/connectors/detail/method-section";
import { can } from "@/lib/server/auth/permissions";
import { requireOperator } from "@/lib/server/auth/require-operator";
import { listValidationRuns } from "@/lib/server/pipeline/list-validation-runs";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { settings } from "@/lib/server/settings";
import { sandboxAdminOrigin } from "@/lib/server/sandbox/sandbox-admin-origin";
import { assistantPrefill } from "@/lib/server/fic/assistant-prefill";
import { assistantSetup } from "./assistant-setup";

/** The tab says which connector (several are often open side by side); behind the same guard as the page. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const access = await requireOperator("connectors.read");
  const { id } = await params;
  const connector = await getConnectorOrThrow(access, db(), id).catch(() => null);
  return { title: connector ? `${connector.displayName} · Connectors` : "Connector" };
}

export default async function ConnectorPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireOperator("connectors.read");
  const { operator } = access;
  const { id } = await params;
  const connector = await getConnectorOrThrow(access, db(), id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const runs = can(operator, "health.read") ? (await listValidationRuns(await requireOperator("health.read"), db(), id, 10)).items : [];
  const canEdit = can(operator, "connectors.write");
  const config = settings();
  return (
    <>
      <ConnectorHeader connector={connector} adoHost={adoAddressBase(config.adoBaseUrl)} now={new Date()} />
      {canEdit ? null : (
        <p className="mb-6 rounded-md bg-slate-100 px-4 py-2.5 text-sm text-slate-700 ring-1 ring-slate-200">
          You have the reader role: you see this connector as it is configured. An administrator can change it.
        </p>
      )}
      <div className="space-y-6">
        <MethodSection connector={connector} canEdit={canEdit} assistant={assistantSetup(connector, config, await assistantPrefill(db(), access, connector))} />
        <ChainTestPanel
          // Another method or stale settings start a fresh panel: the old result must not stay on screen.
          key={`${connector.authMethod}:${connector.statusReason?.from === "setup" ? "stale" : "current"}`}
          connectorId={connector.id}
          canRun={can(operator, "health.check")}
          hopLabels={hopLabels(connector)}
          initialRuns={runs}
          staleNote={connector.statusReason?.from === "setup" ? connector.statusReason.text : null}
          sandboxGrant={canEdit && connector.kind === "ado" && connector.organization && sandboxAdminOrigin(config) ? { connectorId: connector.id, organization: connector.organization } : null}
        />
        {canEdit ? <DangerZone connectorId={connector.id} version={connector.version} displayName={connector.displayName} sourceCount={connector.sourceCount} /> : null}
      </div>
    </>
  );
}
