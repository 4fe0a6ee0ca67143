"use client";
// The managed identity + FIC assistant: the five ids, checked as
// Entra would; the FIC to create, as values, az, Bicep and Graph; the admin consent URL and the
// grants for the target tenant; then save, create through Graph, or leave a draft for others.
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ApiError } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import type { ConnectorDto } from "@/lib/schemas/connector";
import { checkFicValues, ficInputsFromForm, type FicArtifactsDto, type FicField, type FicFormValues, type FicInputs } from "@/lib/schemas/fic";
import { CopyableValue } from "./copyable-value";
import { CreateFicActions } from "./create-fic-actions";
import { FicScripts } from "./fic-scripts";
import { FicReuseNotice } from "./fic-reuse-notice";
import { matchingTrust, type KnownTrust } from "@/lib/schemas/fic-trust";
import { MiFicFields, type FieldSources } from "./mi-fic-fields";
import { TargetSteps } from "./target-steps";
import type { GraphPopupConfig } from "./use-graph-token";
import { azureTargetText, connectorKindLabel } from "@/components/connectors/connector-kind";

type SaveState = { kind: "idle" } | { kind: "saved" } | { kind: "conflict" } | { kind: "error"; message: string };

const ficFields = ["agentTenantId", "miClientId", "miPrincipalId", "appClientId", "targetTenantId", "ficName"] as const satisfies readonly FicField[];

/** The form's check is the one the handler applies: Entra's rules, field by field (checkFicValues). */
const ficResolver: Resolver<FicFormValues> = (values) => {
  const issues = checkFicValues(values);
  if (issues.length === 0) return { values, errors: {} };
  return { values: {}, errors: Object.fromEntries(issues.map((issue) => [issue.field, { type: "entra", message: issue.message }])) };
};

function Step({ number, title, description, children }: { number: number; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`mi-fic-step-${number}`} className="border-t border-slate-200 px-5 py-5 first:border-t-0">
      <div className="flex items-start gap-3">
        <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white" aria-hidden="true">
          {number}
        </span>
        <div className="min-w-0 flex-1">
          <h3 id={`mi-fic-step-${number}`} className="text-sm font-semibold text-slate-900">
            {title}
          </h3>
          {description ? <p className="mt-0.5 text-sm leading-6 text-slate-600">{description}</p> : null}
          <div className="mt-4">{children}</div>
        </div>
      </div>
    </section>
  );
}

export function MiFicAssistant({
  connector: initialConnector,
  canEdit,
  switching,
  initialValues,
  initialArtifacts,
  sources,
  graph,
  knownTrusts = [],
  onCancel,
}: {
  connector: ConnectorDto;
  canEdit: boolean;
  /** Opened from another method: saving also switches the connector to MI + FIC. */
  switching: boolean;
  initialValues: FicFormValues;
  initialArtifacts: FicArtifactsDto | null;
  sources: FieldSources;
  graph: GraphPopupConfig | null;
  /** Credentials the app already has for an identity: a match is reused, not created again. */
  knownTrusts?: KnownTrust[];
  onCancel?: () => void;
}) {
  const router = useRouter();
  const [connector, setConnector] = useState(initialConnector);
  const { control, formState, handleSubmit, setError, subscribe } = useForm<FicFormValues>({ defaultValues: initialValues, resolver: ficResolver });
  const values = useWatch({ control }) as FicFormValues;
  const [artifacts, setArtifacts] = useState(initialArtifacts);
  const [generating, setGenerating] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });

  // Entra's rules are checked live across fields (a principal id equal to the client id is wrong
  // whichever of the two changed); the portal's own refusals stay on their field until it changes.
  const localIssues = useMemo(() => checkFicValues(values), [values]);
  const issueOf = (field: FicField | "identityKind"): string | null => {
    const refused = formState.errors[field];
    if (refused?.type === "server") return refused.message ?? null;
    const shown = field === "identityKind" || formState.isSubmitted || Boolean(formState.dirtyFields[field]) || Boolean(initialValues[field]);
    return shown ? (localIssues.find((issue) => issue.field === field)?.message ?? null) : null;
  };

  // An edit after a save or a refusal clears what was said about the previous values.
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ type }) => {
          if (type === "change") setSave({ kind: "idle" });
        },
      }),
    [subscribe],
  );

  const inputs = useMemo(() => ficInputsFromForm(values), [values]);
  const inputsKey = inputs ? JSON.stringify(inputs) : null;
  const target = useMemo(
    () =>
      connector.kind === "ado"
        ? { kind: "ado" as const, organization: connector.organization ?? "" }
        : connector.kind === "azure"
          ? { kind: "azure" as const, azureResource: connector.azureResource ?? ("arm" as const), azureTarget: connector.azureTarget }
          : { kind: "kusto" as const, clusterUrl: connector.clusterUrl ?? "", database: connector.database ?? "" },
    [connector.kind, connector.organization, connector.clusterUrl, connector.database, connector.azureResource, connector.azureTarget],
  );

  // Regenerate on the server (the generators live there) shortly after the values settle.
  useEffect(() => {
    if (!inputsKey) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setGenerating(true);
      connectorsApi
        .generateFic(JSON.parse(inputsKey) as FicInputs, target, controller.signal)
        .then(setArtifacts)
        .catch(() => undefined)
        .finally(() => setGenerating(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [inputsKey, target]);

  const saveSettings = handleSubmit(async () => {
    if (!inputs) return;
    // The name belongs to the credential on the app, not to the connector.
    const { agentTenantId, miClientId, miPrincipalId, appClientId, targetTenantId } = inputs;
    const ids = { agentTenantId, miClientId, miPrincipalId, appClientId, targetTenantId };
    let updated: ConnectorDto;
    try {
      updated = await connectorsApi.update(connector.id, { version: connector.version, ...ids, ...(switching ? { authMethod: "mi_fic" as const } : {}) });
    } catch (error) {
      const problem = ApiError.from(error);
      if (problem.status === 409) return setSave({ kind: "conflict" });
      for (const issue of problem.fields) {
        const field = ficFields.find((name) => name === issue.field);
        if (field) setError(field, { type: "server", message: `${field}: ${issue.message}` });
      }
      return setSave({ kind: "error", message: [problem.message, problem.hint].filter(Boolean).join(" ") });
    }
    setConnector(updated);
    setSave({ kind: "saved" });
    router.refresh();
  });

  const readOnly = !canEdit;
  const targetLabel =
    connector.kind === "ado"
      ? `the Azure DevOps organization ${connector.organization}`
      : connector.kind === "azure"
        ? `${connectorKindLabel(connector)} (${azureTargetText(connector)})`
        : `the Kusto database ${connector.database}`;
  const shownArtifacts = inputs ? artifacts : null;
  const reused = inputs ? matchingTrust(knownTrusts, inputs) : null;

  return (
    <Card>
      <CardHeader
        title={switching ? "Switch to managed identity + federated credential" : "Managed identity + federated credential"}
        description="The agent's user-assigned identity signs in as a multi-tenant app in its own tenant; the app's service principal in the target tenant holds the access. No secret to store or rotate."
        actions={<Badge tone="accent">Recommended for production</Badge>}
      />
      <Step
        number={1}
        title="Identities"
        description={readOnly ? "The values this connector uses." : "Prefilled from the portal's agent settings and what the portal learned about the target. Checked as Entra would check them."}
      >
        <MiFicFields control={control} issueOf={issueOf} readOnly={readOnly} sources={sources} />
      </Step>
      <Step
        number={2}
        title="Create the federated credential on the app"
        description={`In the agent tenant, on app ${values.appClientId || "(app client id)"}: it lets the identity's tokens stand in for the app's secret.`}
      >
        {shownArtifacts ? (
          <div className="space-y-5" aria-busy={generating}>
            {/* Said, not dimmed: text faded while it updates would fall below the contrast a reader needs. */}
            {generating ? (
              <p role="status" className="text-sm text-slate-600">
                Updating the credential and the scripts for the new values…
              </p>
            ) : null}
            <dl className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
              <CopyableValue label="Name" value={shownArtifacts.credential.name} note="Unique on the app and immutable once created." />
              <CopyableValue
                label="Issuer"
                value={shownArtifacts.credential.issuer}
                note={
                  shownArtifacts.credential.realAzureIssuer ? (
                    <>
                      Sandbox cloud issuer. In Azure: <code className="font-mono text-slate-800">{shownArtifacts.credential.realAzureIssuer}</code> (the sandbox accepts both).
                    </>
                  ) : (
                    "The agent tenant's token issuer. No spaces before or after it."
                  )
                }
              />
              <CopyableValue label="Subject" value={shownArtifacts.credential.subject} note="The identity's Object (principal) ID, not its client id." />
              <CopyableValue label="Audience" value={shownArtifacts.credential.audiences.join(", ")} note="Azure public cloud's token exchange audience." />
            </dl>
            {reused ? <FicReuseNotice trust={reused} /> : <FicScripts artifacts={shownArtifacts} />}
            {canEdit && !reused ? <CreateFicActions connector={connector} inputs={inputs} graph={graph} whoCreates={shownArtifacts.whoCreates} onSaved={setConnector} /> : null}
          </div>
        ) : (
          <p className="rounded-md bg-slate-50 p-4 text-sm text-slate-600 ring-1 ring-slate-200">
            The credential, the az script, the Bicep template and the Graph request appear here once the values in step 1 are complete and valid.
          </p>
        )}
      </Step>
      <Step number={3} title="In the target tenant" description={`What an administrator of ${targetLabel} must do once.`}>
        {shownArtifacts ? (
          <TargetSteps artifacts={shownArtifacts} targetLabel={targetLabel} />
        ) : (
          <p className="rounded-md bg-slate-50 p-4 text-sm text-slate-600 ring-1 ring-slate-200">The admin consent URL and the grants appear once the values are valid.</p>
        )}
      </Step>
      {canEdit ? (
        <CardBody className="flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50/60">
          <Button onClick={() => void saveSettings()} disabled={formState.isSubmitting || !formState.isReady}>
            {formState.isSubmitting ? "Saving…" : switching ? "Save and switch to managed identity" : "Save settings"}
          </Button>
          {onCancel ? (
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <div aria-live="polite" className="text-sm">
            {save.kind === "saved" ? <span className="font-medium text-emerald-800">Saved. Run the chain test to prove every hop.</span> : null}
            {formState.isSubmitted && localIssues.length > 0 ? (
              <span className="text-red-800">Fix the {localIssues.length === 1 ? "problem" : `${localIssues.length} problems`} above first.</span>
            ) : null}
          </div>
          {save.kind === "conflict" ? (
            <div role="alert" className="flex w-full flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              <span>
                <strong className="font-semibold">This connector was changed by someone else — reload.</strong> Your values are not saved; reload to see the latest ones.
              </span>
              <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
                Reload
              </Button>
            </div>
          ) : null}
          {save.kind === "error" ? (
            <p role="alert" className="w-full rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              {save.message}
            </p>
          ) : null}
        </CardBody>
      ) : null}
    </Card>
  );
}
