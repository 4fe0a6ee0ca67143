// Where an operator lands on a page their role may not open (the proxy's gate and requireOperator
// send them here), so the refused page itself renders nothing, not even its layout.
import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeft as ArrowLeftIcon, ShieldCheck as ShieldIcon } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { requireSignedIn } from "@/lib/server/auth/require-operator";

export const metadata: Metadata = { title: "Administrators only" };

export default async function ForbiddenPage() {
  await requireSignedIn();
  const back = (
    <ButtonLink href="/connectors" variant="secondary" icon={<ArrowLeftIcon size={18} />}>
      Back to connectors
    </ButtonLink>
  );
  return (
    <>
      <PageHeader title="Administrators only" actions={back} />
      <Card>
        <EmptyState icon={<ShieldIcon size={22} />} title="You need the administrator role" actions={back}>
          <p>
            Adding a connector or a repository gives the agent access to another tenant or to its code, so only TenantBridge administrators can do it. You are signed in as a reader: you can see every
            connector, knowledge source and their health. Ask an administrator to make the change, or to give you the TenantBridge.Admin role.
          </p>
        </EmptyState>
      </Card>
    </>
  );
}
