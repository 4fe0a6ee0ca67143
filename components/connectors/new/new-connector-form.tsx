"use client";
// New connector: an Azure DevOps organization, a Kusto database or an Azure resource scope (ARM,
// Storage, Graph, Key Vault), the method as cards, names checked as the operator types with the
// schema the server uses (react-hook-form with the zod resolver over the handler's schema, loaded
// with the form's first check, not with the page). The server's answer (409 duplicate, 422 fields)
// is shown next to the field it names.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useForm, useWatch, type PathValue } from "react-hook-form";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Building2 as BuildingIcon, Cloud as CloudIcon, Database as DatabaseIcon, FolderGit2 as RepoIcon, KeyRound as KeyIcon, ShieldCheck as ShieldIcon, User as UserIcon } from "lucide-react";
import { FormTextField } from "@/components/ui/form-text-field";
import { applyApiError, FormProblem } from "@/components/ui/form";
import { ApiError, type ApiProblem } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import { useOrganizationCheck } from "@/lib/client/use-organization-check";
import { OrganizationExistence } from "./organization-existence";
import { isAdoOrganizationName } from "@/lib/schemas/ado-organization-name";
import type { ConnectorDto, ConnectorKind, CreateConnectorInput } from "@/lib/schemas/connector";
import { azureResourceInfo, type AzureResource } from "@/lib/schemas/azure-resource";
import { resolverLoadedOnUse } from "@/components/ui/resolver-loaded-on-use";
import { ChoiceCards, type Choice } from "./choice-cards";
import type { NewConnectorFields } from "./new-connector-form-schema";

type AdoMethod = "mi_fic" | "oauth" | "pat";
type KustoMethod = "mi_fic" | "managed_identity";

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
/** The two ways a managed identity reaches a Kusto cluster or an Azure resource: across tenants through the app, or itself. */
const identityMethods = (target: "cluster" | "resource", sameTenant: string, icon: ReactNode): Choice<KustoMethod>[] => [
  {
    value: "mi_fic",
    title: "Managed identity + FIC",
    body: `The ${target} is in another tenant: the agent signs in there through a multi-tenant app.`,
    icon: <ShieldIcon size={18} />,
    badge: <Badge tone="accent">Cross-tenant</Badge>,
  },
  { value: "managed_identity", title: "Managed identity (same tenant)", body: `The ${target} is in the agent's tenant: ${sameTenant}`, icon },
];
const kustoMethods = identityMethods("cluster", "grant the identity itself.", <DatabaseIcon size={18} />);
const azureMethods = identityMethods("resource", "assign the role to the identity itself.", <CloudIcon size={18} />);

const azureResourceChoices: Choice<AzureResource>[] = [
  { value: "arm", title: "Azure Resource Manager", body: "A subscription: the chain test lists its resource groups.", icon: <BuildingIcon size={18} /> },
  { value: "storage", title: "Azure Storage", body: "A storage account: the chain test lists its blob containers.", icon: <DatabaseIcon size={18} /> },
  { value: "graph", title: "Microsoft Graph", body: "The target tenant's directory: the chain test reads its organization.", icon: <UserIcon size={18} /> },
  { value: "keyvault", title: "Azure Key Vault", body: "A key vault: the chain test lists its secrets' names, never their values.", icon: <KeyIcon size={18} /> },
];

type FormValues = NewConnectorFields;
// The checks (zod and the handler's schema) load with the form's first check, not with the page.
const resolver = resolverLoadedOnUse(() => import("./new-connector-form-schema").then((module) => module.newConnectorResolver));
const serverFields = ["organization", "clusterUrl", "database", "azureTarget", "displayName"] as const;

export function NewConnectorForm({ initialKind, adoBaseUrl }: { initialKind: ConnectorKind; adoBaseUrl: string }) {
  const router = useRouter();
  const form = useForm<FormValues, unknown, CreateConnectorInput>({
    resolver,
    mode: "onChange",
    defaultValues: {
      kind: initialKind,
      organization: "",
      adoMethod: "mi_fic",
      clusterUrl: "",
      database: "",
      kustoMethod: "mi_fic",
      azureResource: "arm",
      azureTarget: "",
      azureMethod: "mi_fic",
      displayName: "",
    },
  });
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [related, setRelated] = useState<{ href: string; label: string } | null>(null);
  const [leaving, setLeaving] = useState(false);
  const busy = form.formState.isSubmitting || leaving;
  const submitted = form.formState.isSubmitted;
  const { errors } = form.formState;
  const [kind, organization, adoMethod, clusterUrl, database, kustoMethod, azureResource, azureTarget, azureMethod, displayName] = useWatch({
    control: form.control,
    name: ["kind", "organization", "adoMethod", "clusterUrl", "database", "kustoMethod", "azureResource", "azureTarget", "azureMethod", "displayName"],
  });

  // The portal's own messages are sentences; the schema's name the field first. An empty field
  // is only called out once the operator tried to create the connector.
  const message = (field: (typeof serverFields)[number], subject: string, value: string, empty?: string) => {
    const issue = errors[field];
    if (!issue?.message) return null;
    if (issue.type === "server") return issue.message;
    if (!value.trim()) return submitted ? (empty ?? `${subject} is required.`) : null;
    return `${subject} ${issue.message}.`;
  };
  const orgProblem = message("organization", "The organization name", organization, "Enter the organization name: the part after dev.azure.com/.");
  const normalizedOrg = organization.trim().toLowerCase();
  const azureInfo = azureResourceInfo[azureResource];
  const organizationCheck = useOrganizationCheck(normalizedOrg, kind === "ado" && normalizedOrg !== "" && isAdoOrganizationName(organization));

  // How the agent signs in, for the chosen kind: each kind keeps its own choice.
  const methodCards = <N extends "adoMethod" | "kustoMethod" | "azureMethod", M extends Extract<PathValue<FormValues, N>, string>>(name: N, value: M, choices: Choice<M>[]) => (
    <ChoiceCards<M> legend="How should the agent sign in?" name={name} columns={choices.length === 3 ? 3 : 2} value={value} onChange={(chosen) => form.setValue(name, chosen)} choices={choices} />
  );

  async function submit(body: CreateConnectorInput) {
    setProblem(null);
    setRelated(null);
    let created: ConnectorDto;
    try {
      created = await connectorsApi.create(body);
    } catch (error) {
      setRelated(ApiError.from(error).related ?? null);
      setProblem(applyApiError(error, form.setError, serverFields));
      return;
    }
    setLeaving(true);
    router.push(`/connectors/${encodeURIComponent(created.id)}`);
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate>
      <Card>
        <CardBody className="space-y-7 py-6">
          <ChoiceCards<ConnectorKind>
            legend="What should the agent reach?"
            name="kind"
            columns={3}
            value={kind}
            onChange={(value) => {
              form.setValue("kind", value);
              form.clearErrors();
              setProblem(null);
              setRelated(null);
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
                  form.setValue("azureResource", value);
                  // The target is checked again for the new resource once there is one (or a try).
                  if (form.getValues("azureTarget").trim() || submitted) void form.trigger("azureTarget");
                  else form.clearErrors("azureTarget");
                }}
                choices={azureResourceChoices}
              />
              {azureInfo.target ? (
                <div className="max-w-xl">
                  <FormTextField
                    control={form.control}
                    label={azureInfo.target.label}
                    name="azureTarget"
                    hint={azureInfo.target.hint}
                    error={message("azureTarget", `The ${azureInfo.target.label.toLowerCase()}`, azureTarget)}
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
              {methodCards("azureMethod", azureMethod, azureMethods)}
            </>
          ) : kind === "ado" ? (
            <>
              <div className="max-w-xl">
                <FormTextField
                  control={form.control}
                  label="Organization"
                  name="organization"
                  prefix={`${adoBaseUrl.replace(/^https:\/\//, "")}/`}
                  hint="Letters, digits and hyphens; no hyphen at the start or end; at most 50 characters."
                  error={orgProblem}
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
              {methodCards("adoMethod", adoMethod, adoMethods)}
            </>
          ) : (
            <>
              <div className="grid max-w-3xl gap-5 md:grid-cols-2">
                <FormTextField
                  control={form.control}
                  label="Cluster URL"
                  name="clusterUrl"
                  hint="With the region, e.g. https://mycluster.westeurope.kusto.windows.net"
                  error={message("clusterUrl", "The cluster URL", clusterUrl)}
                  placeholder="https://mycluster.westeurope.kusto.windows.net"
                />
                <FormTextField
                  control={form.control}
                  label="Database"
                  name="database"
                  hint="The database name as the cluster shows it."
                  error={message("database", "The database", database)}
                  placeholder="Telemetry"
                />
              </div>
              {methodCards("kustoMethod", kustoMethod, kustoMethods)}
            </>
          )}
          <div className="max-w-xl">
            <FormTextField
              control={form.control}
              label="Display name (optional)"
              name="displayName"
              mono={false}
              hint="Shown in the list; defaults to the organization or database name."
              error={message("displayName", "The display name", displayName)}
            />
          </div>
          {related && (errors.organization || errors.database) ? (
            <p className="text-sm text-slate-700" data-testid="existing-connector">
              <Link href={related.href} className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
                {related.label}
              </Link>{" "}
              to see how it signs in, or to switch its method.
            </p>
          ) : null}
          <FormProblem problem={problem} />
        </CardBody>
        <CardBody className="flex items-center gap-3 border-t border-slate-200 bg-slate-50/60">
          <Button type="submit" disabled={busy || !form.formState.isReady}>
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
