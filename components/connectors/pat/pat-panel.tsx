"use client";
// Personal access token for an Azure DevOps connector: the fallback method. Once saved, the PAT
// is never shown again; the panel knows only "configured", the last four characters and dates.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ConnectorDto } from "@/lib/schemas/connector";
import type { PatSaved } from "@/lib/schemas/connector-pat";
import { problemOf, type ApiProblem } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CircleCheck as CheckCircleIcon, KeyRound as KeyIcon } from "lucide-react";
import { Time } from "@/components/ui/local-time";
import { PatExpiryNotice } from "./pat-expiry-notice";
import { PatForm } from "./pat-form";

export function PatPanel({ connector, canEdit }: { connector: ConnectorDto; canEdit: boolean }) {
  const router = useRouter();
  const [replacing, setReplacing] = useState(false);
  const [saved, setSaved] = useState<PatSaved | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<ApiProblem | null>(null);
  const { pat } = connector;
  const organization = connector.organization ?? "the organization";

  function onSaved(result: PatSaved) {
    setSaved(result);
    setReplacing(false);
    router.refresh();
  }

  async function remove() {
    setRemoving(true);
    setRemoveError(null);
    const failure = await problemOf(connectorsApi.removePat(connector.id, connector.version));
    setRemoving(false);
    setConfirmRemove(false);
    if (failure) {
      setRemoveError(failure);
      return;
    }
    setSaved(null);
    router.refresh();
  }

  return (
    <Card>
      <CardHeader
        title="Personal access token"
        description="A fallback for organizations where neither managed identity nor OAuth is possible."
        actions={
          pat.configured ? (
            <Badge tone="success" icon={<CheckCircleIcon size={14} />}>
              Configured
            </Badge>
          ) : (
            <Badge tone="neutral">Not configured</Badge>
          )
        }
      />
      <CardBody className="space-y-4">
        <details open={!pat.configured} className="rounded-md bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-slate-200">
          <summary className="cursor-pointer font-medium text-slate-900">Why a PAT is the fallback</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5 leading-6">
            <li>It belongs to one user: it stops working when that user leaves or loses access.</li>
            <li>It expires (at most a year) and someone must create and paste a new one.</li>
            <li>Its scopes are broad: Code (Read) reads every repository the user can see.</li>
            <li>Prefer managed identity + federated credential for production, and OAuth sign-in to validate quickly.</li>
          </ul>
        </details>

        {saved ? (
          <p role="status" className="flex items-start gap-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
            <CheckCircleIcon size={18} />
            <span>
              Saved. The PAT authenticates as <strong>{saved.authenticatedAs}</strong> and can read projects and repositories in {organization}. TenantBridge will not show it again.
            </span>
          </p>
        ) : null}

        {pat.configured && !replacing ? (
          <div className="space-y-2" data-testid="pat-status">
            <p className="flex items-center gap-2 text-sm text-slate-900">
              <KeyIcon size={18} />
              <span>
                Configured <span className="font-mono">••••{pat.last4}</span>
                {pat.setAt ? (
                  <>
                    , set <Time iso={pat.setAt} />
                  </>
                ) : null}
              </span>
            </p>
            <PatExpiryNotice expiresAt={pat.expiresAt} now={new Date()} />
          </div>
        ) : null}

        {canEdit && (!pat.configured || replacing) ? (
          <PatForm connectorId={connector.id} version={connector.version} organization={organization} onSaved={onSaved} onCancel={replacing ? () => setReplacing(false) : undefined} />
        ) : null}

        {removeError ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            <p className="font-semibold">{removeError.message}</p>
            {removeError.hint ? <p className="mt-1">{removeError.hint}</p> : null}
          </div>
        ) : null}

        {canEdit && pat.configured && !replacing ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button
              variant="secondary"
              onClick={() => {
                setReplacing(true);
                setSaved(null);
              }}
            >
              Replace
            </Button>
            {confirmRemove ? (
              <span className="flex items-center gap-2 text-sm text-slate-700">
                Remove the PAT? The agent loses access through it.
                <Button variant="danger" size="sm" onClick={remove} disabled={removing}>
                  {removing ? "Removing…" : "Remove"}
                </Button>
                <Button variant="ghost" size="sm" onClick={() => setConfirmRemove(false)}>
                  Cancel
                </Button>
              </span>
            ) : (
              <Button variant="ghost" onClick={() => setConfirmRemove(true)}>
                Remove
              </Button>
            )}
          </div>
        ) : null}
        {!canEdit ? <p className="text-sm text-slate-600">Only TenantBridge administrators can save, replace or remove a PAT.</p> : null}
      </CardBody>
    </Card>
  );
}
