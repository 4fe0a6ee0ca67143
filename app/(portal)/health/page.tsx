import type { Metadata } from "next";
import Link from "next/link";
import { connectorStatusOrder, ConnectorStatusBadge } from "@/components/connectors/connector-status-badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { EmptyState } from "@/components/ui/empty-state";
import { FeatureList } from "@/components/ui/feature-list";
import { BellIcon, ClockIcon, HealthIcon, ShieldIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { listConnectors } from "@/lib/server/connectors/list-connectors";
import { db } from "@/lib/server/db/client";
import { connectorStatuses, type ConnectorStatus } from "@/lib/schemas/connector";

export const metadata: Metadata = { title: "Health" };

const attentionRing: Partial<Record<ConnectorStatus, string>> = {
  failing: "ring-2 ring-red-300",
  needs_signin: "ring-2 ring-amber-300",
  degraded: "ring-2 ring-amber-300",
};

export default async function HealthPage() {
  // 200 is listConnectors' largest page; past that the tiles say "200+" rather than guess.
  const { items, nextCursor } = await listConnectors(db(), { take: 200 });
  const counts = Object.fromEntries(connectorStatuses.map((status) => [status, 0])) as Record<ConnectorStatus, number>;
  for (const connector of items) counts[connector.status] += 1;

  return (
    <>
      <PageHeader
        title="Health"
        description="Whether each connector still works, checked hop by hop on a schedule, with the exact fix when one breaks."
      />
      {items.length === 0 ? (
        <Card>
          <EmptyState
            icon={<HealthIcon size={22} />}
            title="Nothing to check yet"
            actions={
              <ButtonLink href="/connectors" variant="secondary">
                Go to connectors
              </ButtonLink>
            }
          >
            <p>Once a connector exists, its checks run here on a schedule and after every change.</p>
          </EmptyState>
        </Card>
      ) : (
        <section aria-labelledby="status-summary">
          <h2 id="status-summary" className="sr-only">
            Connectors by status
          </h2>
          <ul className="grid grid-cols-2 gap-4 lg:grid-cols-3 xl:grid-cols-6">
            {connectorStatusOrder.map((status) => (
              <li key={status}>
                <Link
                  href={`/connectors?status=${status}`}
                  className={cx(
                    "flex h-full flex-col items-start gap-3 rounded-lg bg-white p-4 shadow-sm transition-colors hover:bg-slate-50",
                    (counts[status] > 0 && attentionRing[status]) || "ring-1 ring-slate-200",
                  )}
                >
                  <ConnectorStatusBadge status={status} />
                  <span className="text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">
                    {counts[status]}
                    {nextCursor ? "+" : ""}
                    <span className="sr-only"> {counts[status] === 1 ? "connector" : "connectors"}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Card className="mt-6">
        <CardHeader title="How connectors are checked" />
        <CardBody>
          <FeatureList
            features={[
              {
                title: "Every hop of the chain",
                body: "Managed identity token, federated exchange into the target tenant, then Azure DevOps or Kusto itself: a failure names the hop, the Entra error code and the fix.",
                icon: <ShieldIcon size={18} />,
              },
              {
                title: "On a schedule",
                body: "Checks repeat in the background, so an expiring PAT or a removed group membership is found before the agent trips over it.",
                icon: <ClockIcon size={18} />,
              },
              {
                title: "Signed notifications",
                body: "When a connector fails, and again when it recovers, a signed webhook event goes to the endpoint you configure.",
                icon: <BellIcon size={18} />,
              },
            ]}
          />
        </CardBody>
      </Card>
    </>
  );
}
