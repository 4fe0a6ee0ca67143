"use client";
// OAuth sign-in for an Azure DevOps connector. The popup lets the operator pick
// an account of the organization's tenant; the server redeems the code and keeps the refresh
// token, so this panel only ever sees who signed in. No token reaches this component.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ConnectorDto } from "@/lib/schemas/connector";
import type { StartOauthInput } from "@/lib/schemas/connector-oauth";
import { problemOf, type ApiProblem } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CircleCheck as CheckCircleIcon, RefreshCw as RefreshIcon, User as UserIcon } from "lucide-react";
import { Time } from "@/components/ui/local-time";
import { OauthProblemNotice } from "./oauth-problem-notice";
import { OauthCapabilityCallout } from "./oauth-capability-callout";
import { signInThroughPopup, type PopupSignInResult } from "./use-oauth-popup";

type Notice = PopupSignInResult | { kind: "disconnect_failed"; error: ApiProblem } | { kind: "disconnected" };

const popupMessages: Record<"blocked" | "closed" | "timed_out", { title: string; text: string }> = {
  blocked: {
    title: "Your browser blocked the sign-in window",
    text: "Allow pop-ups for this site (the icon at the right of the address bar), then select the button again.",
  },
  closed: {
    title: "The sign-in window was closed",
    text: "The window closed before the sign-in finished; nothing was saved. If it showed AADSTS50020, the account you chose is neither a member nor a guest of the organization's tenant: choose an account of that tenant, or ask its admin to invite yours as a guest. Select the button to try again.",
  },
  timed_out: { title: "The sign-in took too long", text: "The sign-in window was open for 10 minutes without finishing. Close it and select the button to start again." },
};

export function OauthConnectPanel({ connector, canEdit }: { connector: ConnectorDto; canEdit: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<"popup" | "disconnect" | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const { oauth } = connector;
  const lapsed = oauth.configured && connector.status === "needs_signin";
  const organization = connector.organization ?? "the organization";

  function signIn(mode: StartOauthInput["mode"]) {
    // No await before this call: the popup must open inside the click.
    const pending = signInThroughPopup(connector.id, mode);
    setBusy("popup");
    setNotice(null);
    void pending.then((result) => {
      setBusy(null);
      setNotice(result);
      if (result.kind === "connected") router.refresh();
    });
  }

  async function disconnect() {
    setBusy("disconnect");
    setNotice(null);
    const failure = await problemOf(connectorsApi.disconnectOauth(connector.id, connector.version));
    setBusy(null);
    setConfirmDisconnect(false);
    if (failure) {
      setNotice({ kind: "disconnect_failed", error: failure });
      return;
    }
    setNotice({ kind: "disconnected" });
    router.refresh();
  }

  const status = lapsed ? (
    <Badge tone="warning">Sign-in lapsed</Badge>
  ) : oauth.configured ? (
    <Badge tone="success" icon={<CheckCircleIcon size={14} />}>
      Connected
    </Badge>
  ) : (
    <Badge tone="neutral">Not signed in</Badge>
  );

  return (
    <Card>
      <CardHeader
        title="OAuth sign-in"
        description={`The agent acts as a user who can reach '${organization}'. Fastest way to validate a connection; move to managed identity + federated credential for production.`}
        actions={status}
      />
      <CardBody className="space-y-4">
        {oauth.configured && oauth.account ? (
          <div className={lapsed ? "rounded-md border border-amber-200 bg-amber-50 p-4" : "rounded-md border border-emerald-200 bg-emerald-50/60 p-4"} data-testid="oauth-connection">
            <p className="flex items-center gap-2 text-sm font-semibold text-slate-900">
              <UserIcon size={18} />
              {lapsed ? `The sign-in of ${oauth.account} has lapsed` : `Connected as ${oauth.account}`}
            </p>
            <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm text-slate-700">
              <dt className="text-slate-600">Tenant</dt>
              <dd className="font-mono text-xs leading-5">{oauth.tenantId}</dd>
              <dt className="text-slate-600">Signed in</dt>
              <dd>{oauth.setAt ? <Time iso={oauth.setAt} /> : "unknown"}</dd>
              <dt className="text-slate-600">Token</dt>
              <dd className="flex items-center gap-1.5">
                {lapsed ? (
                  "Entra ID refused to refresh it (the refresh token expired or was revoked). The agent cannot reach the organization until someone signs in again."
                ) : (
                  <>
                    <RefreshIcon size={14} /> Refreshed automatically on the server, 5 minutes before it expires
                  </>
                )}
              </dd>
            </dl>
          </div>
        ) : (
          <p className="text-sm leading-6 text-slate-700">
            A window opens with Microsoft&apos;s account picker. Choose an account that is a user of <strong>{organization}</strong>: it may belong to another tenant than yours. TenantBridge checks
            that the account can reach the organization before it saves anything.
          </p>
        )}

        <div aria-live="polite" className="space-y-3">
          {busy === "popup" ? (
            <p role="status" className="text-sm text-slate-700">
              Waiting for the sign-in window… Finish there, or close it to cancel.
            </p>
          ) : null}
          {notice ? <NoticeView notice={notice} /> : null}
        </div>
        {notice?.kind === "connected" ? <OauthCapabilityCallout connectorId={connector.id} tenantName={notice.tenantName ?? null} /> : null}

        {canEdit ? (
          <div className="flex flex-wrap items-center gap-3">
            {!oauth.configured ? (
              <Button onClick={() => signIn("sign_in")} disabled={busy !== null}>
                Sign in to Azure DevOps
              </Button>
            ) : null}
            {lapsed ? (
              <Button onClick={() => signIn("sign_in_again")} disabled={busy !== null}>
                Sign in again
              </Button>
            ) : null}
            {oauth.configured ? (
              <Button variant="secondary" onClick={() => signIn("different_account")} disabled={busy !== null}>
                Sign in with a different account
              </Button>
            ) : null}
            {oauth.configured && !confirmDisconnect ? (
              <Button variant="ghost" onClick={() => setConfirmDisconnect(true)} disabled={busy !== null}>
                Disconnect
              </Button>
            ) : null}
            {confirmDisconnect ? (
              <span className="flex items-center gap-2 text-sm text-slate-700">
                Forget this sign-in? The agent loses access through it.
                <Button variant="danger" size="sm" onClick={disconnect} disabled={busy !== null}>
                  {busy === "disconnect" ? "Disconnecting…" : "Disconnect"}
                </Button>
                <Button variant="ghost" size="sm" onClick={() => setConfirmDisconnect(false)}>
                  Cancel
                </Button>
              </span>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-slate-600">Only TenantBridge administrators can sign in or disconnect.</p>
        )}
      </CardBody>
    </Card>
  );
}

function NoticeView({ notice }: { notice: Notice }) {
  switch (notice.kind) {
    case "connected":
      return (
        <p role="status" className="flex items-center gap-2 text-sm font-medium text-emerald-800">
          <CheckCircleIcon size={18} /> Signed in as {notice.account} from tenant {notice.tenantName ? `${notice.tenantName} (${notice.tenantId})` : notice.tenantId}. The server keeps the sign-in and
          refreshes it by itself.
        </p>
      );
    case "problem":
      return <OauthProblemNotice problem={notice.problem} />;
    case "blocked":
    case "closed":
    case "timed_out":
      return (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-semibold">{popupMessages[notice.kind].title}</p>
          <p className="mt-1 leading-6">{popupMessages[notice.kind].text}</p>
        </div>
      );
    case "request_failed":
    case "disconnect_failed":
      return (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-semibold">{notice.error.message}</p>
          {notice.error.hint ? <p className="mt-1 leading-6">{notice.error.hint}</p> : null}
        </div>
      );
    case "disconnected":
      return (
        <p role="status" className="text-sm text-slate-700">
          Disconnected. The stored sign-in and its refresh token are gone.
        </p>
      );
  }
}
