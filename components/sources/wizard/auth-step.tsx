"use client";
// Step 3: how the agent signs in to the organization. An organization has at most one connector:
// when it exists the new sources reuse it (its method and status are shown, and its panel when it
// still needs a credential); otherwise the operator picks a method, the connector is created, and
// the method's own panel (OAuth popup, PAT form, or the MI + FIC assistant) does the rest.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ConnectorStatusBadge } from "@/components/connectors/connector-status-badge";
import { ChoiceCards, type Choice } from "@/components/connectors/new/choice-cards";
import { OauthConnectPanel } from "@/components/connectors/oauth/oauth-connect-panel";
import { PatPanel } from "@/components/connectors/pat/pat-panel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CircleCheck as CheckCircleIcon, KeyRound as KeyIcon, ShieldCheck as ShieldIcon, User as UserIcon } from "lucide-react";
import { problemOf, type ApiProblem } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import { authMethodLabels } from "@/lib/schemas/auth-method-labels";
import type { ConnectorDto } from "@/lib/schemas/connector";
import { connectedAs } from "./connected-as";
import { MiFicSummary } from "./mi-fic-summary";
import { ApiProblemNotice, SkeletonRows } from "./notices";
import { credentialReady } from "./wizard-progress";

type Method = "oauth" | "mi_fic" | "pat";

const methods: Choice<Method>[] = [
  { value: "oauth", title: "OAuth sign-in", body: "Best to validate, and across tenants: sign in as a user of the organization in a popup.", icon: <UserIcon size={18} /> },
  {
    value: "mi_fic",
    title: "Managed identity + FIC",
    body: "Production: the agent's own identity through a multi-tenant app. No secret to store.",
    icon: <ShieldIcon size={18} />,
    badge: <Badge tone="accent">Recommended</Badge>,
  },
  { value: "pat", title: "Personal access token", body: "Fallback for restricted environments: one person's token that expires.", icon: <KeyIcon size={18} /> },
];

/** The panels and the assistant page change the connector on the server; refresh when the operator comes back. */
function useRefreshOnReturn(active: boolean) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const onFocus = () => router.refresh();
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [active, router]);
}

export function AuthStep({ organization, connector, resolving }: { organization: string; connector: ConnectorDto | null; resolving: boolean }) {
  const router = useRouter();
  const [method, setMethod] = useState<Method>("oauth");
  const [creating, setCreating] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const ready = connector !== null && credentialReady(connector);
  useRefreshOnReturn(connector !== null && !ready);

  if (resolving) return <SkeletonRows label={`Looking up the connector of ${organization}…`} rows={2} />;

  async function create() {
    setCreating(true);
    setProblem(null);
    const failure = await problemOf(connectorsApi.create({ kind: "ado", organization, authMethod: method }));
    if (failure) {
      setCreating(false);
      setProblem(failure);
      return;
    }
    // The page derives the connector from the organization on the server: refresh to get it.
    router.refresh();
  }

  if (!connector) {
    return (
      <div className="space-y-5">
        <p className="text-sm leading-6 text-slate-700">
          <strong className="font-semibold text-slate-900">{organization}</strong> has no connector yet. Pick how the agent signs in; TenantBridge creates the connector, then you give it its
          credential here. Start with OAuth to validate, move to managed identity + FIC for production.
        </p>
        <ChoiceCards<Method> legend="How should the agent sign in?" name="auth-method" value={method} onChange={setMethod} choices={methods} />
        {problem ? <ApiProblemNotice problem={problem} title="The connector could not be created" /> : null}
        <Button onClick={() => void create()} disabled={creating}>
          {creating ? "Creating the connector…" : `Create the ${authMethodLabels[method]} connector`}
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-4" data-testid="auth-connector">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200">
        <div className="min-w-0">
          <p className="text-sm font-semibold text-slate-900">
            {connector.displayName} <span className="font-normal text-slate-600">· {authMethodLabels[connector.authMethod]}</span>
          </p>
          <p className="text-sm text-slate-600">The organization&apos;s connector: the new knowledge sources use it, and so does the agent&apos;s write path for {organization}.</p>
        </div>
        <ConnectorStatusBadge status={connector.status} />
      </div>
      {ready ? (
        <p role="status" className="flex items-start gap-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm font-medium text-emerald-900" data-testid="connected-as">
          <CheckCircleIcon size={18} className="mt-0.5 shrink-0" />
          <span>{connectedAs(connector)}. The next step lists the projects it can see.</span>
        </p>
      ) : (
        <p className="text-sm text-slate-700">The connector needs its credential before the agent can reach {organization}.</p>
      )}
    </div>
  );
}

/** The method's own panel, rendered outside the step's form (the PAT panel is a form itself). */
export function AuthMethodPanel({ connector }: { connector: ConnectorDto }) {
  if (connector.authMethod === "oauth") return <OauthConnectPanel connector={connector} canEdit />;
  if (connector.authMethod === "pat") return <PatPanel connector={connector} canEdit />;
  return <MiFicSummary connector={connector} />;
}
