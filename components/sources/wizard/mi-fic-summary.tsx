"use client";
// The MI + FIC values the connector has, and the way to the assistant on the connector page,
// which opens in a new tab so this wizard stays where it is; coming back refreshes the connector.
import { useRouter } from "next/navigation";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { CopyableText } from "@/components/ui/copyable-text";
import { Button, buttonClasses } from "@/components/ui/button";
import { ArrowRight as ArrowRightIcon, RefreshCw as RefreshIcon } from "lucide-react";
import type { ConnectorDto } from "@/lib/schemas/connector";
import { credentialReady } from "./wizard-progress";

export function MiFicSummary({ connector }: { connector: ConnectorDto }) {
  const router = useRouter();
  const ready = credentialReady(connector);
  const values: [string, string | null][] =
    connector.authMethod === "mi_fic"
      ? [
          ["Agent tenant", connector.agentTenantId],
          ["Managed identity client id", connector.miClientId],
          ["Managed identity principal id (FIC subject)", connector.miPrincipalId],
          ["Multi-tenant app client id", connector.appClientId],
          ["Target tenant", connector.targetTenantId],
        ]
      : [["Managed identity client id", connector.miClientId]];
  return (
    <Card>
      <CardHeader
        title={connector.authMethod === "mi_fic" ? "Managed identity + federated credential" : "Managed identity (same tenant)"}
        description="The agent's managed identity signs in as a multi-tenant app whose service principal the target tenant has consented."
        actions={ready ? <Badge tone="success">Values set</Badge> : <Badge tone="warning">Values missing</Badge>}
      />
      <CardBody className="space-y-4">
        <dl className="grid gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[18rem_1fr]">
          {values.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd className={value ? "text-[13px] text-slate-900" : "text-amber-800"}>{value ? <CopyableText value={value} label={label.toLowerCase()} /> : "Not set"}</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm leading-6 text-slate-700">
          The assistant on the connector page prefills the agent&apos;s identity, shows the FIC values with copy buttons, the admin consent link and the grants for the target tenant, and runs the
          chain test. It opens in a new tab: come back here when it is saved.
        </p>
        <div className="flex flex-wrap gap-3">
          <a href={`/connectors/${encodeURIComponent(connector.id)}`} target="_blank" rel="noopener" className={buttonClasses(ready ? "secondary" : "primary")}>
            Open the managed identity + FIC assistant
            <ArrowRightIcon size={16} />
            <span className="sr-only">(opens in a new tab)</span>
          </a>
          <Button variant="ghost" icon={<RefreshIcon size={16} />} onClick={() => router.refresh()}>
            Check again
          </Button>
        </div>
      </CardBody>
    </Card>
  );
}
