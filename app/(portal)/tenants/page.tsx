import type { Metadata } from "next";
import { CheckAllTenantsButton } from "@/components/tenants/check-all-tenants-button";
import { TenantTable } from "@/components/tenants/tenant-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Building2 as BuildingIcon } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/server/auth/permissions";
import { requireOperator } from "@/lib/server/auth/require-operator";
import { db } from "@/lib/server/db/client";
import { listTenants } from "@/lib/server/tenants/list-tenants";

export const metadata: Metadata = { title: "Tenants" };

export default async function TenantsPage() {
  const access = await requireOperator("connectors.read");
  const apps = await listTenants(access, db());
  const canCheck = can(access.operator, "health.check");
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Tenants"
        description="One identity, many tenants: every target tenant of each multi-tenant app, whether its admin has consented, the last token exchange there, and the connectors that depend on it."
        actions={canCheck && apps.length > 0 ? <CheckAllTenantsButton /> : null}
      />
      {apps.length === 0 ? (
        <Card>
          <EmptyState
            icon={<BuildingIcon size={22} />}
            title="No multi-tenant app in use yet"
            actions={
              <ButtonLink href="/connectors" variant="secondary">
                Go to connectors
              </ButtonLink>
            }
          >
            <p>Tenants appear here once a connector uses managed identity + federated credential with an app and a target tenant.</p>
          </EmptyState>
        </Card>
      ) : (
        <div className="space-y-6">
          {apps.map((app) => (
            <Card key={app.appClientId}>
              <CardHeader
                title={`App ${app.appClientId}`}
                description={`${app.tenants.length} target ${app.tenants.length === 1 ? "tenant" : "tenants"}. The app is consented in a tenant once its admin accepted the admin consent link, which creates the app's service principal there.`}
              />
              <TenantTable app={app} now={now} />
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
