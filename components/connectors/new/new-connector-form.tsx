"use client";
// New connector: an Azure DevOps organization, a Kusto database or an Azure resource scope (ARM,
// Storage, Graph, Key Vault), the method as cards, names checked as the operator types with the schema the server uses. The
// server's answer (409 duplicate, 422 fields) is shown next to the field it names.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Building2 as BuildingIcon, Cloud as CloudIcon, Database as DatabaseIcon, FolderGit2 as RepoIcon, KeyRound as KeyIcon, ShieldCheck as ShieldIcon, User as UserIcon } from "lucide-react";
import { TextField } from "@/components/ui/text-field";
import { ApiError } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import { useOrganizationCheck } from "@/lib/client/use-organization-check";
import { OrganizationExistence } from "./organization-existence";
import { adoOrganizationSchema, createKustoConnectorSchema, type ConnectorDto, type ConnectorKind } from "@/lib/schemas/connector";
import { azureResourceInfo, azureTargetProblem, type AzureResource } from "@/lib/schemas/azure-resource";
import { ChoiceCards, type Choice } from "./choice-cards";

type AdoMethod = "mi_fic" | "oauth" | "pat";
type KustoMethod = "mi_fic" | "managed_identity";
type FieldErrors = Partial<Record<"organization" | "clusterUrl" | "database" | "azureTarget" | "displayName" | "form", string>>;

const adoMethods: Choice<AdoMethod>[] = [
  { value: "oauth", title: "OAuth sign-in", body: "Fastest way to validate: sign in as a user of the organization.", icon: <UserIcon size={18} /> },
  {
    value: "mi_fic",
    title: "Managed identity + FIC",
    body: "Production: the agent's own identity, no secret to store.",
    icon: <ShieldIcon size={18} />,
    badge: <Badge tone="accent">Recommended</Badge>,
  },
  { value: "pat", title: "Personal access token", body: "Fallback: one person's token that expires and must be renewed.", icon: <KeyIcon size={18} /> },
];
const kustoMethods: Choice<KustoMethod>[] = [
  {
    value: "mi_fic",
    title: "Managed identity + FIC",
    body: "The cluster is in another tenant: the agent signs in there through a multi-tenant app.",
    icon: <ShieldIcon size={18} />,
    badge: <Badge tone="accent">Cross-tenant</Badge>,
  },
  { value: "managed_identity", title: "Managed identity (same tenant)", body: "The cluster is in the agent's tenant: grant the identity itself.", icon: <DatabaseIcon size={18} /> },
];

const azureResourceChoices: Choice<AzureResource>[] = [
  { value: "arm", title: "Azure Resource Manager", body: "A subscription: the chain test lists its resource groups.", icon: <BuildingIcon size={18} /> },
  { value: "storage", title: "Azure Storage", body: "A storage account: the chain test lists its blob containers.", icon: <DatabaseIcon size={18} /> },
  { value: "graph", title: "Microsoft Graph", body: "The target tenant's directory: the chain test reads its organization.", icon: <UserIcon size={18} /> },
  { value: "keyvault", title: "Azure Key Vault", body: "A key vault: the chain test lists its secrets' names, never their values.", icon: <KeyIcon size={18} /> },
];

function organizationProblem(value: string): string | null {
  if (!value.trim()) return null;
  const result = adoOrganizationSchema.safeParse(value);
  return result.success ? null : `The organization name ${result.error.issues[0]?.message ?? "is invalid"}.`;
}

export function NewConnectorForm({ initialKind, adoBaseUrl }: { initialKind: ConnectorKind; adoBaseUrl: string }) {
  const router = useRouter();
  const [kind, setKind] = useState<ConnectorKind>(initialKind);
  const [organization, setOrganization] = useState("");
  const [adoMethod, setAdoMethod] = useState<AdoMethod>("mi_fic");
  const [clusterUrl, setClusterUrl] = useState("");
  const [database, setDatabase] = useState("");
  const [kustoMethod, setKustoMethod] = useState<KustoMethod>("mi_fic");
  const [azureResource, setAzureResource] = useState<AzureResource>("arm");
  const [azureTarget, setAzureTarget] = useState("");
  const [azureMethod, setAzureMethod] = useState<KustoMethod>("mi_fic");
  const [displayName, setDisplayName] = useState("");
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [related, setRelated] = useState<{ href: string; label: string } | null>(null);

  const orgProblem = organizationProblem(organization) ?? (attempted && !organization.trim() ? "Enter the organization name: the part after dev.azure.com/." : null);
  const kustoCheck = createKustoConnectorSchema.safeParse({ kind: "kusto", clusterUrl, database, authMethod: kustoMethod });
  const kustoProblem = (field: "clusterUrl" | "database") => {
    if (kustoCheck.success) return null;
    const value = field === "clusterUrl" ? clusterUrl : database;
    if (!value.trim() && !attempted) return null;
    const issue = kustoCheck.error.issues.find((i) => i.path[0] === field);
    return issue ? `${field === "clusterUrl" ? "The cluster URL" : "The database"} ${value.trim() ? issue.message : "is required"}.` : null;
  };
  const normalizedOrg = organization.trim().toLowerCase();
  const azureInfo = azureResourceInfo[azureResource];
  const azureProblemText = azureTargetProblem(azureResource, azureTarget);
  const azureProblem = azureInfo.target && azureProblemText && (azureTarget.trim() || attempted) ? `The ${azureInfo.target.label.toLowerCase()} ${azureProblemText}.` : null;
  const organizationCheck = useOrganizationCheck(normalizedOrg, kind === "ado" && normalizedOrg !== "" && organizationProblem(organization) === null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setAttempted(true);
    setServerErrors({});
    setRelated(null);
    const valid = kind === "ado" ? organization.trim() !== "" && organizationProblem(organization) === null : kind === "kusto" ? kustoCheck.success : azureProblemText === null;
    if (!valid) return;
    const named = displayName.trim() ? { displayName: displayName.trim() } : {};
    const body =
      kind === "ado"
        ? { kind, organization: normalizedOrg, authMethod: adoMethod, ...named }
        : kind === "kusto"
          ? { kind, clusterUrl: clusterUrl.trim(), database: database.trim(), authMethod: kustoMethod, ...named }
          : { kind, azureResource, ...(azureInfo.target ? { azureTarget: azureTarget.trim().toLowerCase() } : {}), authMethod: azureMethod, ...named };
    setBusy(true);
    let created: ConnectorDto;
    try {
      created = await connectorsApi.create(body);
    } catch (error) {
      setBusy(false);
      const problem = ApiError.from(error);
      const errors: FieldErrors = {};
      for (const field of problem.fields) {
        const key = field.field as keyof FieldErrors;
        if (["organization", "clusterUrl", "database", "azureTarget", "displayName"].includes(key)) errors[key] = field.message;
      }
      setRelated(problem.related ?? null);
      if (Object.keys(errors).length === 0) errors.form = [problem.message, problem.hint].filter(Boolean).join(" ");
      setServerErrors(errors);
      return;
    }
    router.push(`/connectors/${encodeURIComponent(created.id)}`);
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Card>
        <CardBody className="space-y-7 py-6">
          <ChoiceCards<ConnectorKind>
            legend="What should the agent reach?"
            name="kind"
            columns={3}
            value={kind}
            onChange={(value) => {
              setKind(value);
              setServerErrors({});
            }}
            choices={[
              { value: "ado", title: "Azure DevOps organization", body: "Code, pull requests and work items in one organization.", icon: <RepoIcon size={18} /> },
              { value: "kusto", title: "Kusto database", body: "Read-only queries against one database of an Azure Data Explorer cluster.", icon: <DatabaseIcon size={18} /> },
              { value: "azure", title: "Azure resource", body: "A subscription, storage account, key vault or Microsoft Graph in the target tenant.", icon: <CloudIcon size={18} /> },
            ]}
          />
          {kind === "azure" ? (
            <>
              <ChoiceCards<AzureResource>
                legend="Which Azure resource?"
                name="azure-resource"
                columns={2}
                value={azureResource}
                onChange={(value) => {
                  setAzureResource(value);
                  setServerErrors((current) => ({ ...current, azureTarget: undefined }));
                }}
                choices={azureResourceChoices}
              />
              {azureInfo.target ? (
                <div className="max-w-xl">
                  <TextField
                    label={azureInfo.target.label}
                    name="azureTarget"
                    value={azureTarget}
                    onChange={(value) => {
                      setAzureTarget(value);
                      setServerErrors((current) => ({ ...current, azureTarget: undefined }));
                    }}
                    hint={azureInfo.target.hint}
                    error={serverErrors.azureTarget ?? azureProblem}
                    placeholder={azureInfo.target.placeholder}
                  />
                </div>
              ) : (
                <p className="max-w-xl text-sm text-slate-700">The target tenant is the target: set it with the method on the connector&apos;s page.</p>
              )}
              <p className="max-w-3xl text-sm text-slate-700">
                The chain test ends with a real call: <span className="font-medium text-slate-900">{azureInfo.call.toLowerCase()}</span>, with a token for{" "}
                <code className="font-mono text-slate-900">{azureInfo.resource}</code>.
              </p>
              <ChoiceCards<KustoMethod>
                legend="How should the agent sign in?"
                name="azure-method"
                columns={2}
                value={azureMethod}
                onChange={setAzureMethod}
                choices={[
                  {
                    value: "mi_fic",
                    title: "Managed identity + FIC",
                    body: "The resource is in another tenant: the agent signs in there through a multi-tenant app.",
                    icon: <ShieldIcon size={18} />,
                    badge: <Badge tone="accent">Cross-tenant</Badge>,
                  },
                  {
                    value: "managed_identity",
                    title: "Managed identity (same tenant)",
                    body: "The resource is in the agent's tenant: assign the role to the identity itself.",
                    icon: <CloudIcon size={18} />,
                  },
                ]}
              />
            </>
          ) : kind === "ado" ? (
            <>
              <div className="max-w-xl">
                <TextField
                  label="Organization"
                  name="organization"
                  prefix={`${adoBaseUrl.replace(/^https:\/\//, "")}/`}
                  value={organization}
                  onChange={(value) => {
                    setOrganization(value);
                    setServerErrors((current) => ({ ...current, organization: undefined }));
                  }}
                  hint="Letters, digits and hyphens; no hyphen at the start or end; at most 50 characters."
                  error={serverErrors.organization ?? orgProblem}
                  placeholder="litware"
                />
                <p className="mt-1.5 text-sm text-slate-600" aria-live="polite">
                  {normalizedOrg && !orgProblem ? (
                    <>
                      The agent will use <code className="font-mono text-slate-900">{`${adoBaseUrl}/${normalizedOrg}`}</code>
                    </>
                  ) : null}
                </p>
                <div aria-live="polite">{related ? null : <OrganizationExistence check={organizationCheck} />}</div>
              </div>
              <ChoiceCards<AdoMethod> legend="How should the agent sign in?" name="ado-method" value={adoMethod} onChange={setAdoMethod} choices={adoMethods} />
            </>
          ) : (
            <>
              <div className="grid max-w-3xl gap-5 md:grid-cols-2">
                <TextField
                  label="Cluster URL"
                  name="clusterUrl"
                  value={clusterUrl}
                  onChange={(value) => {
                    setClusterUrl(value);
                    setServerErrors((current) => ({ ...current, clusterUrl: undefined }));
                  }}
                  hint="With the region, e.g. https://mycluster.westeurope.kusto.windows.net"
                  error={serverErrors.clusterUrl ?? kustoProblem("clusterUrl")}
                  placeholder="https://mycluster.westeurope.kusto.windows.net"
                />
                <TextField
                  label="Database"
                  name="database"
                  value={database}
                  onChange={(value) => {
                    setDatabase(value);
                    setServerErrors((current) => ({ ...current, database: undefined }));
                  }}
                  hint="The database name as the cluster shows it."
                  error={serverErrors.database ?? kustoProblem("database")}
                  placeholder="Telemetry"
                />
              </div>
              <ChoiceCards<KustoMethod> legend="How should the agent sign in?" name="kusto-method" columns={2} value={kustoMethod} onChange={setKustoMethod} choices={kustoMethods} />
            </>
          )}
          <div className="max-w-xl">
            <TextField
              label="Display name (optional)"
              name="displayName"
              mono={false}
              value={displayName}
              onChange={setDisplayName}
              hint="Shown in the list; defaults to the organization or database name."
              error={serverErrors.displayName}
            />
          </div>
          {related && (serverErrors.organization || serverErrors.database) ? (
            <p className="text-sm text-slate-700" data-testid="existing-connector">
              <Link href={related.href} className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
                {related.label}
              </Link>{" "}
              to see how it signs in, or to switch its method.
            </p>
          ) : null}
          {serverErrors.form ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              {serverErrors.form}
            </p>
          ) : null}
        </CardBody>
        <CardBody className="flex items-center gap-3 border-t border-slate-200 bg-slate-50/60">
          <Button type="submit" disabled={busy}>
            {busy ? "Creating…" : "Create connector"}
          </Button>
          <ButtonLink href="/connectors" variant="ghost">
            Cancel
          </ButtonLink>
          <p className="text-sm text-slate-600">Next: set up the method and run the chain test on the connector&apos;s page.</p>
        </CardBody>
      </Card>
    </form>
  );
}
