"use client";
// Who creates the FIC: the operator, through Graph with their own account, or someone else from
// a saved draft that names what is missing and who must do it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CircleCheck as CheckCircleIcon, CircleX as XCircleIcon, ShieldCheck as ShieldIcon, TriangleAlert as AlertTriangleIcon, User as UserIcon } from "lucide-react";
import { ApiError } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import type { ConnectorDto } from "@/lib/schemas/connector";
import type { FicDraftItemDto, FicGraphOutcomeDto, FicInputs } from "@/lib/schemas/fic";
import { DraftList } from "./draft-list";
import { useGraphToken, type GraphPopupConfig } from "./use-graph-token";

type Notice = { kind: "outcome"; outcome: FicGraphOutcomeDto } | { kind: "draft"; items: FicDraftItemDto[] } | { kind: "error"; title: string; message: string; conflict?: boolean };

export function CreateFicActions({
  connector,
  inputs,
  graph,
  whoCreates,
  onSaved,
}: {
  connector: ConnectorDto;
  /** Valid values, or null while the form has problems. */
  inputs: FicInputs | null;
  graph: GraphPopupConfig | null;
  whoCreates: string | null;
  onSaved: (connector: ConnectorDto) => void;
}) {
  const router = useRouter();
  const { prepare, acquire } = useGraphToken(graph);
  const [busy, setBusy] = useState<"graph" | "draft" | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  function failed(error: unknown, what: string) {
    const problem = ApiError.from(error);
    setNotice({
      kind: "error",
      title: problem.status === 409 ? "This connector was changed by someone else — reload" : `${what} failed`,
      message: problem.status === 409 ? "Reload the page to see the latest values, then apply your change again." : [problem.message, problem.hint].filter(Boolean).join(" "),
      conflict: problem.status === 409,
    });
  }

  function createWithGraph() {
    if (!inputs) return;
    // No await before acquire(): the popup must open inside the click's user activation.
    const pending = acquire();
    setBusy("graph");
    setNotice(null);
    void pending.then(async (token) => {
      if (token.kind === "error") {
        setBusy(null);
        setNotice({ kind: "error", title: "Microsoft sign-in did not finish", message: token.message });
        return;
      }
      let outcome: FicGraphOutcomeDto;
      try {
        outcome = await connectorsApi.createFicThroughGraph(connector.id, { version: connector.version, inputs, graphAccessToken: token.accessToken });
      } catch (error) {
        setBusy(null);
        return failed(error, "Creating the credential");
      }
      setBusy(null);
      setNotice({ kind: "outcome", outcome });
      onSaved(outcome.connector);
      router.refresh();
    });
  }

  async function saveDraft() {
    if (!inputs) return;
    setBusy("draft");
    setNotice(null);
    const { ficName, ...ids } = inputs;
    let saved: { connector: ConnectorDto; draft: FicDraftItemDto[] };
    try {
      saved = await connectorsApi.saveFicDraft(connector.id, { version: connector.version, ficName, ...ids });
    } catch (error) {
      setBusy(null);
      return failed(error, "Saving the draft");
    }
    setBusy(null);
    setNotice({ kind: "draft", items: saved.draft });
    onSaved(saved.connector);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        {graph ? (
          <Button
            onClick={createWithGraph}
            onPointerEnter={() => void prepare()?.catch(() => undefined)}
            onFocus={() => void prepare()?.catch(() => undefined)}
            disabled={!inputs || busy !== null}
            icon={<UserIcon size={16} />}
          >
            {busy === "graph" ? "Waiting for Microsoft sign-in…" : "Create with my account"}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={() => void saveDraft()} disabled={!inputs || busy !== null} icon={<ShieldIcon size={16} />}>
          {busy === "draft" ? "Saving…" : "Save as a draft for an administrator"}
        </Button>
      </div>
      <p className="text-xs leading-5 text-slate-600">
        {graph
          ? "“Create with my account” asks Microsoft for permission to write app credentials (Application.ReadWrite.All) in a pop-up, then creates the credential. "
          : "Creating it from here needs the portal's app registration; it is not configured, so save a draft instead. "}
        {whoCreates ? `${whoCreates} may create it.` : null}
      </p>
      <div aria-live="polite">
        {notice?.kind === "outcome" ? <OutcomeNotice outcome={notice.outcome} /> : null}
        {notice?.kind === "draft" ? (
          <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-4">
            <p className="text-sm font-semibold text-amber-900">Draft saved. These steps are left for others:</p>
            <DraftList items={notice.items} />
          </div>
        ) : null}
        {notice?.kind === "error" ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            <p className="font-semibold">{notice.title}</p>
            <p className="mt-1">{notice.message}</p>
            {notice.conflict ? (
              <Button variant="secondary" size="sm" className="mt-2" onClick={() => window.location.reload()}>
                Reload
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function OutcomeNotice({ outcome }: { outcome: FicGraphOutcomeDto }) {
  const ok = outcome.status === "created" || outcome.status === "exists";
  return (
    <div role={ok ? "status" : "alert"} className={ok ? "rounded-md border border-emerald-200 bg-emerald-50 p-4" : "rounded-md border border-amber-200 bg-amber-50 p-4"}>
      <p className={ok ? "flex items-center gap-2 text-sm font-semibold text-emerald-900" : "flex items-center gap-2 text-sm font-semibold text-amber-900"}>
        {ok ? <CheckCircleIcon size={16} /> : outcome.status === "denied" ? <AlertTriangleIcon size={16} /> : <XCircleIcon size={16} />}
        {outcome.title}
      </p>
      <p className="mt-1 text-sm leading-6 text-slate-800">{outcome.message}</p>
      {outcome.graphCode ? (
        <p className="mt-1 text-xs text-slate-600">
          Microsoft Graph: <code className="font-mono">{outcome.graphCode}</code>
          {outcome.requestId ? (
            <>
              {" "}
              · request id <code className="font-mono select-all">{outcome.requestId}</code>
            </>
          ) : null}
        </p>
      ) : null}
      {outcome.draft ? <DraftList items={outcome.draft} /> : null}
    </div>
  );
}
